# Partner review: a Write-Log helper built on switch, a switch on a Lync enum with a nested
# switch -Wildcard, and switch -Regex over a command's output with $Matches (powershell.md §6).
function Write-Log {
    param([string]$Message, [string]$Level = "Info")
    $prefix = switch ($Level) {
        "Error"   { "[ERR]" }
        "Warning" { "[WRN]" }
        default   { "[INF]" }
    }
    "$prefix $Message"
}

foreach ($p in Get-CsXmppAllowedPartner) {
    switch ($p.PartnerType) {
        "Federated" { Write-Log "$($p.Identity) is federated" }
        "PublicUnverified" {
            switch -Wildcard ($p.Identity) {
                "gmail.*" { Write-Log "$($p.Identity) is retired" Warning; break }
                "*.org"   {
                    Set-CsXmppAllowedPartner $p.Identity -EnableKeepAlive $false
                    Write-Log "$($_): keep-alive off"
                }
            }
        }
    }
}
switch -Regex (Get-CsXmppAllowedPartner | ForEach-Object { $_.Identity }) {
    '^(\w+)\.(com|org)$' { Write-Log "$($Matches[1]) on .$($Matches[2])" }
}
