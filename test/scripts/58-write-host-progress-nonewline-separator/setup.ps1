New-CsXmppAllowedPartner fabrikam-im.example -SaslNegotiation NotSupported | Out-Null
New-CsXmppAllowedPartner contoso-xmpp.example -SaslNegotiation NotSupported -EnableKeepAlive $false | Out-Null
