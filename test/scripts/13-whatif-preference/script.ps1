# Dry run of the clean-up: nothing may change.
$WhatIfPreference = $true
Get-CsXmppAllowedPartner | Remove-CsXmppAllowedPartner
Set-CsXmppGatewayConfiguration -ConnectionLimit 100
Remove-CsExternalAccessPolicy -Identity Tag:FedPic
$WhatIfPreference = $false
"still $(@(Get-CsXmppAllowedPartner).Count) partners"
