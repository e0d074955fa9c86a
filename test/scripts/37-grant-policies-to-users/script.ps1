# Assign-ExternalAccess.ps1: per-user external access policies for the XMPP pilot.
Import-Module "C:\Program Files\Common Files\Microsoft Lync Server 2013\Modules\Lync\Lync.psd1"

# Sales (display names "* Smith" in the pilot) and Ken get XMPP.
Grant-CsExternalAccessPolicy -Identity "* Smith" -PolicyName SalesAccessPolicy
Grant-CsExternalAccessPolicy -Identity "Ken Myer" -PolicyName tag:SalesAccessPolicy -PassThru

# Everybody else gets the basic policy.
Get-CsUser -Filter {ExternalAccessPolicy -eq $null} | Grant-CsExternalAccessPolicy -PolicyName BasicAccessPolicy

# Global cannot be granted; check what a grant would do first.
Grant-CsExternalAccessPolicy -Identity "Dan Park" -PolicyName Global
Grant-CsExternalAccessPolicy -Identity "Dan Park" -PolicyName SalesAccessPolicy -WhatIf

# Amy left sales.
Grant-CsExternalAccessPolicy "Amy Smith" $null
Get-CsUser | Format-Table DisplayName, SipAddress, ExternalAccessPolicy
