# Back up the partners, wipe them, restore them: the disaster-recovery drill.
Get-CsXmppAllowedPartner | Export-Clixml backup.xml
Get-CsXmppAllowedPartner | Remove-CsXmppAllowedPartner -Confirm:$false
"after wipe: $(@(Get-CsXmppAllowedPartner).Count)"
Import-Clixml backup.xml | Set-CsXmppAllowedPartner
"after restore: $(@(Get-CsXmppAllowedPartner).Count)"
(Get-CsXmppAllowedPartner gmail.com).EnableKeepAlive
