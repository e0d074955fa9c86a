# From the Lync 2013 help: build the objects in memory, adjust them, then commit them with -Instance.
$x = New-CsExternalAccessPolicy -Identity RedmondAccessPolicy -InMemory
$x.EnableFederationAccess = $True
$x.EnablePublicCloudAccess = $True
$x.EnableXmppAccess = $True
Set-CsExternalAccessPolicy -Instance $x

$p = New-CsXmppAllowedPartner -Identity jabber.example -InMemory
$p.TlsNegotiation = "optional"
$p.SaslNegotiation = "NotSupported"
$p.PartnerType = "Federated"
$p.Description = "Jabber, in memory first"
$p | Set-CsXmppAllowedPartner

Get-CsExternalAccessPolicy -Identity RedmondAccessPolicy
Get-CsXmppAllowedPartner -Identity jabber.example
