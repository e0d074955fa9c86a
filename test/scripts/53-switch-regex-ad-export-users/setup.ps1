New-CsSipDomain litwareinc.com | Out-Null
New-CsExternalAccessPolicy -Identity XmppPilot -EnableXmppAccess $true | Out-Null
