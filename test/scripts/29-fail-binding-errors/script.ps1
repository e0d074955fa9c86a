# Values bash users often get wrong, written wrong in a script too.
Set-CsXmppAllowedPartner jabber.org -EnableKeepAlive "False"
Set-CsXmppAllowedPartner jabber.org -ConnectionLimit 0
Set-CsXmppAllowedPartner jabber.org -PartnerType Trusted
Set-CsXmppGatewayConfiguration -ConnectionLim abc
