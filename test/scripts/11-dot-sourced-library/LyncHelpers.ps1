# LyncHelpers.ps1: shared functions, dot-sourced by the admin scripts
function Add-Partner {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)][ValidatePattern('^[a-z0-9.-]+$')][string]$Domain,
        [switch]$Trusted
    )
    $type = if ($Trusted) { "Federated" } else { "PublicUnverified" }
    New-CsXmppAllowedPartner -Identity $Domain -PartnerType $type -SaslNegotiation NotSupported | Out-Null
    Write-Verbose "added $Domain"
}

function Show-Partners {
    Get-CsXmppAllowedPartner | ForEach-Object { "{0,-14} {1}" -f $_.Identity, $_.PartnerType }
}
