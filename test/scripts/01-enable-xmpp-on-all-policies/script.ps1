# Enable-Xmpp.ps1: roll XMPP federation out to every external access policy.
# Kept from the Lync 2013 pilot; run from the Lync Server Management Shell.
Import-Module Lync

New-CsExternalAccessPolicy -Identity "Site:Redmond" -EnableFederationAccess $true | Out-Null
New-CsExternalAccessPolicy -Identity FedPic -EnableFederationAccess $true -EnablePublicCloudAccess $true | Out-Null

Get-CsExternalAccessPolicy | Set-CsExternalAccessPolicy -EnableXmppAccess $true
Get-CsExternalAccessPolicy | Format-Table Identity, EnableFederationAccess, EnableXmppAccess, EnablePublicCloudAccess
