# Update-Partner.ps1: fabrikam moved its XMPP service behind a proxy.
$ErrorActionPreference = "Stop"
$partner = Get-CsXmppAllowedPartner -Identity "fabrikam.com"
Set-CsXmppAllowedPartner -Identity $partner.Identity -ProxyFqdn "xmpp.fabrikam.com"
Set-CsXmppGatewayConfiguration -ConnectionLimit 2000
Write-Host "fabrikam.com now goes through $($partner.ProxyFqdn)"
