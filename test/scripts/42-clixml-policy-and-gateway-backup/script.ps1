# Backup-FederationSettings.ps1: keep the policy and the gateway settings over the upgrade.
Get-CsExternalAccessPolicy -Identity FedPic | Export-Clixml fedpic.xml
Get-CsXmppGatewayConfiguration | Export-Clixml gateway.xml
Get-Content fedpic.xml

# The upgrade lost them...
Remove-CsExternalAccessPolicy -Identity FedPic
Set-CsXmppGatewayConfiguration -ConnectionLimit 1000

# ...and the backup brings them back.
Import-Clixml fedpic.xml | Set-CsExternalAccessPolicy
Import-Clixml gateway.xml | Set-CsXmppGatewayConfiguration
$gw = Get-CsXmppGatewayConfiguration
"ConnectionLimit: $($gw.ConnectionLimit), DialbackPassphrase: $($gw.DialbackPassphrase)"
Get-CsExternalAccessPolicy -Identity FedPic | Format-List Identity, Enable*Access
