New-CsXmppAllowedPartner fabrikam-im.example -SaslNegotiation NotSupported | Out-Null
