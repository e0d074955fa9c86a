# Migration step 2 of 3: the partners exported on the Lync 2013 front end with
#   Get-CsXmppAllowedPartner | Export-Clixml partners.xml
Import-Clixml .\partners.xml | Set-CsXmppAllowedPartner
Get-CsXmppAllowedPartner | Format-List Identity, TlsNegotiation, SaslNegotiation, SupportDialbackNegotiation, AdditionalDomains, PartnerType, EnableKeepAlive
