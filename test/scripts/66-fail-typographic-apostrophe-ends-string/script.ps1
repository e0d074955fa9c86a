Set-CsXmppGatewayConfiguration -ConnectionLimit 900
Write-Host 'Partner isn’t reachable yet'
