New-CsXmppAllowedPartner fabrikam-xmpp.example -SaslNegotiation NotSupported -AdditionalDomains "im.fabrikam-xmpp.example","chat.fabrikam-xmpp.example" | Out-Null
New-CsXmppAllowedPartner contoso.example -SaslNegotiation NotSupported -PartnerType Federated | Out-Null
New-CsXmppAllowedPartner northwind.example -SaslNegotiation NotSupported | Out-Null
