New-CsXmppAllowedPartner contoso-im.example -SaslNegotiation NotSupported | Out-Null
New-CsXmppAllowedPartner fabrikam-im.example -SaslNegotiation NotSupported | Out-Null
New-CsXmppAllowedPartner northwind.example -SaslNegotiation NotSupported | Out-Null
