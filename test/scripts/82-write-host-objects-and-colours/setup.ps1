New-CsXmppAllowedPartner fabrikam-im.example -SaslNegotiation NotSupported -AdditionalDomains "im.fabrikam-im.example","chat.fabrikam-im.example" | Out-Null
