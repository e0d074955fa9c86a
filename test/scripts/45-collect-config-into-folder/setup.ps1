New-CsXmppAllowedPartner fabrikam-im.example -SaslNegotiation NotSupported | Out-Null
New-CsExternalAccessPolicy -Identity XmppUsers -EnableXmppAccess $true | Out-Null
