New-CsXmppAllowedPartner fabrikam-im.example -SaslNegotiation NotSupported | Out-Null
New-CsXmppAllowedPartner lab-xmpp.example -SaslNegotiation NotSupported | Out-Null
New-CsXmppAllowedPartner test-im.example -SaslNegotiation NotSupported | Out-Null
New-CsXmppAllowedPartner contoso.example -SaslNegotiation NotSupported | Out-Null
