New-CsXmppAllowedPartner contoso-im.example -SaslNegotiation NotSupported | Out-Null
