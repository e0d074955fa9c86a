New-CsXmppAllowedPartner lab-im.example -SaslNegotiation NotSupported | Out-Null
