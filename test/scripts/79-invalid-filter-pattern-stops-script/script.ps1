$ErrorActionPreference = "Stop"
Set-CsXmppGatewayConfiguration -ConnectionLimit 1500
Get-CsXmppAllowedPartner -Filter "[fabrikam" | Remove-CsXmppAllowedPartner
Set-CsXmppGatewayConfiguration -ConnectionLimit 3000
