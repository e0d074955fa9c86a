# Add and remove Google's extra domains
Set-CsXmppAllowedPartner gmail.com -AdditionalDomains @{Add = "googlemail.com", "talk.google.com"}
Set-CsXmppAllowedPartner gmail.com -AdditionalDomains @{Remove = "talk.google.com"}
(Get-CsXmppAllowedPartner gmail.com).AdditionalDomains
Set-CsXmppAllowedPartner jabber.org -AdditionalDomains "conference.jabber.org", "muc.jabber.org"
(Get-CsXmppAllowedPartner jabber.org).AdditionalDomains -join ", "
