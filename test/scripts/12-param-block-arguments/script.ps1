param(
    [Parameter(Mandatory = $true)][string]$Domain,
    [ValidateSet("Federated", "PublicVerified", "PublicUnverified")][string]$Type = "PublicUnverified",
    [int]$Limit = 20,
    [switch]$NoKeepAlive
)
New-CsXmppAllowedPartner -Identity $Domain -PartnerType $Type -ConnectionLimit $Limit -SaslNegotiation NotSupported -EnableKeepAlive (-not $NoKeepAlive) | Out-Null
Get-CsXmppAllowedPartner $Domain | Select-Object Identity, PartnerType, ConnectionLimit, EnableKeepAlive
