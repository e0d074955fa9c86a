# Without SASL and without dialback no authentication method is left: matrix rows that Lync refuses.
New-CsXmppAllowedPartner broken.example -SaslNegotiation NotSupported -SupportDialbackNegotiation $false
Set-CsXmppAllowedPartner jabber.org -SaslNegotiation NotSupported -SupportDialbackNegotiation $false
"partners: $(@(Get-CsXmppAllowedPartner).Count)"
