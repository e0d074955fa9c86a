# Lync's own defaults (matrix row 1) are silent; with -Verbose csxmpp says why dialback goes unused (cmdlets.md A5.1, A6.3).
New-CsXmppAllowedPartner quiet.example | Out-Null
New-CsXmppAllowedPartner verbose.example -Verbose | Out-Null
New-CsXmppAllowedPartner ok.example -SaslNegotiation NotSupported | Out-Null
# A Set- that moves a partner onto a warning row warns once; one that keeps its row stays quiet.
Set-CsXmppAllowedPartner quiet.example -TlsNegotiation Optional
Set-CsXmppAllowedPartner quiet.example -Description 'still row 3'
(Get-CsXmppAllowedPartner).Identity
