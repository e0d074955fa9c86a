New-CsSipDomain litwareinc.com | Out-Null
New-CsXmppAllowedPartner jabber.org -TlsNegotiation Required -SaslNegotiation Optional | Out-Null
New-CsXmppAllowedPartner gmail.com -TlsNegotiation NotSupported -SaslNegotiation NotSupported -EnableKeepAlive $false | Out-Null
