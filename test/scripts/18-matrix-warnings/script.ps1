# Lync's defaults warn: TLS Required + SASL Required leaves dialback unused.
New-CsXmppAllowedPartner warn.example | Out-Null
New-CsXmppAllowedPartner quiet.example -WarningAction SilentlyContinue | Out-Null
New-CsXmppAllowedPartner ok.example -SaslNegotiation NotSupported | Out-Null
(Get-CsXmppAllowedPartner).Identity
