Remove-CsXmppAllowedPartner jabber.org -Confirm:$false
class PartnerRecord {
    [string]$Domain
}
