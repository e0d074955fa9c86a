New-CsExternalAccessPolicy -Identity Site:Redmond -EnableXmppAccess $true | Out-Null
New-CsExternalAccessPolicy -Identity XmppUsers | Out-Null
