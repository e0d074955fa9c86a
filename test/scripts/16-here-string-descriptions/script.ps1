$owner = "Ken Myer"
$description = @"
Partner approved by $owner
Ticket: CHG-2013-0042
"@
Set-CsXmppAllowedPartner jabber.org -Description $description
(Get-CsXmppAllowedPartner jabber.org).Description
Get-CsXmppAllowedPartner jabber.org | Format-List Identity, Description
