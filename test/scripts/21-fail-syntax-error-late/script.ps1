# Nothing may run: the last line has an unterminated string.
New-CsXmppAllowedPartner first.example -SaslNegotiation NotSupported | Out-Null
Set-CsXmppGatewayConfiguration -ConnectionLimit 7
Write-Host "done
