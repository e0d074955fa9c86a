New-CsExternalAccessPolicy -Identity FedPic -EnableFederationAccess $true -EnablePublicCloudAccess $true | Out-Null
Set-CsExternalAccessPolicy -Identity FedPic -EnableXmppAccess $true
Set-CsXmppGatewayConfiguration -ConnectionLimit 800 -DialbackPassphrase "Contoso-Dialback-2013!"
