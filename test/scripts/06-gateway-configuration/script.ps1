# Gateway settings for the new XMPP gateway (from the Lync 2013 deployment guide)
Set-CsXmppGatewayConfiguration -ConnectionLimit 1200 -KeepAliveInterval 600 -EnableLoggingAllMessageBodies $false
$gw = Get-CsXmppGatewayConfiguration
"Connections: $($gw.ConnectionLimit), partner limit: $($gw.PartnerConnectionLimit), keep-alive: $($gw.KeepAliveInterval)s"
$gw | Select-Object Identity, ConnectionLimit, KeepAliveInterval
