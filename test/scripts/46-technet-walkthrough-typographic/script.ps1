# Steps from "Configuring XMPP federation" (copied from the web page)
Set-CsAccessEdgeConfiguration –AllowFederatedUsers $True
Set-CsExternalAccessPolicy –Identity Global –EnableXmppAccess $True –EnableFederationAccess $True
New-CsXmppAllowedPartner –Identity “jabber-im.example” –TlsNegotiation Required –SaslNegotiation Required –SupportDialbackNegotiation $True –PartnerType Federated –Description ‘Jabber – migrated partner’ | Out-Null
Get-CsXmppAllowedPartner –Identity jabber-im.example | Select-Object Identity, Description, PartnerType
(Get-CsAccessEdgeConfiguration).AllowFederatedUsers
