New-CsXmppAllowedPartner contoso.com -PartnerType Federated -SaslNegotiation NotSupported | Out-Null
New-CsXmppAllowedPartner fabrikam.com -PartnerType Federated -SaslNegotiation NotSupported | Out-Null
New-CsXmppAllowedPartner tailspintoys.com -PartnerType PublicVerified -SaslNegotiation NotSupported | Out-Null
