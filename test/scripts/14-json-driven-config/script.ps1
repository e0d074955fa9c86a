# Apply the federation settings kept in source control as JSON.
$config = Get-Content .\federation.json -Raw | ConvertFrom-Json
foreach ($p in $config.partners) {
    New-CsXmppAllowedPartner -Identity $p.domain -PartnerType $p.type -SaslNegotiation $p.sasl -ConnectionLimit $p.limit | Out-Null
}
Set-CsXmppGatewayConfiguration -ConnectionLimit $config.gateway.connectionLimit
Get-CsXmppAllowedPartner | Select-Object Identity, PartnerType, ConnectionLimit | ConvertTo-Json
