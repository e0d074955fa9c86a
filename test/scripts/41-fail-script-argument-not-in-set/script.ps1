<#
.SYNOPSIS
    Adds one XMPP federation partner.
.EXAMPLE
    .\Add-Partner.ps1 fabrikam.com -Type Federated
#>
param(
    [Parameter(Mandatory = $true, Position = 0)][string]$Domain,
    [ValidateSet("Federated", "PublicVerified", "PublicUnverified")][string]$Type = "PublicUnverified"
)
New-CsXmppAllowedPartner -Identity $Domain -PartnerType $Type -SaslNegotiation NotSupported
