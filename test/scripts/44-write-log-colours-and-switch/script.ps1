<#
.SYNOPSIS
    Enable-XmppPartners.ps1 - adds the XMPP partners of the first migration wave.
#>
function Write-Log {
    param(
        [Parameter(Mandatory=$true)][string]$Message,
        [ValidateSet("Info", "Warning", "Error")][string]$Level = "Info"
    )
    switch ($Level) {
        "Info"    { $color = "Green" }
        "Warning" { $color = "Yellow" }
        "Error"   { $color = "Red" }
    }
    Write-Host "[$Level] $Message" -ForegroundColor $color
}

Write-Log -Message "Starting XMPP partner setup"
$domains = "fabrikam-im.example", "contoso-xmpp.example", "litware-chat.example"
foreach ($domain in $domains) {
    New-CsXmppAllowedPartner -Identity $domain -PartnerType Federated -SaslNegotiation NotSupported | Out-Null
    Write-Log "Added partner $domain"
}
Write-Log "$($domains.Count) partner(s) processed" -Level Warning
