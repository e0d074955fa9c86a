New-CsXmppAllowedPartner contoso.example -SaslNegotiation NotSupported -Description GOLD | Out-Null
New-CsXmppAllowedPartner fabrikam-im.example -SaslNegotiation NotSupported -Description gold | Out-Null
New-CsXmppAllowedPartner litware-im.example -SaslNegotiation NotSupported | Out-Null
New-CsXmppAllowedPartner northwind.example -SaslNegotiation NotSupported -Description Silver | Out-Null
