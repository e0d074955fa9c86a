param(
    [Parameter(Position=0, Mandatory=$true)][string]$Identity,
    [string]$PartnerType = "Federated"
)
New-CsXmppAllowedPartner -Identity $Identity -PartnerType $PartnerType -SaslNegotiation NotSupported | Out-Null
