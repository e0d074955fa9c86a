New-CsXmppAllowedPartner contoso-xmpp.example -SaslNegotiation NotSupported -PartnerType Federated | Out-Null
New-CsXmppAllowedPartner fabrikam-im.example -SaslNegotiation NotSupported -PartnerType PublicVerified | Out-Null
New-CsXmppAllowedPartner guest-chat.example -SaslNegotiation NotSupported | Out-Null
