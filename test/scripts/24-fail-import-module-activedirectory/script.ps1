Import-Module Lync
Import-Module ActiveDirectory
Get-CsXmppAllowedPartner | Remove-CsXmppAllowedPartner -Confirm:$false
