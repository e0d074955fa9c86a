New-CsXmppAllowedPartner contoso.example -SaslNegotiation NotSupported | Out-Null
New-CsXmppAllowedPartner fabrikam-im.example -SaslNegotiation NotSupported | Out-Null
