# Collect-LyncXmppConfig.ps1: saves the XMPP federation settings before the migration.
$CollectPath = ".\LyncXmppBackup"
if (-not (Test-Path $CollectPath)) {
    New-Item -ItemType Directory -Path $CollectPath | Out-Null
    Write-Host "Created $CollectPath"
}
Get-CsXmppAllowedPartner | Export-Clixml $CollectPath\CsXmppAllowedPartner.xml
Get-CsExternalAccessPolicy | Export-Clixml -Path $CollectPath\CsExternalAccessPolicy.xml
Get-CsXmppGatewayConfiguration | Export-Clixml $CollectPath\CsXmppGatewayConfiguration.xml
Get-ChildItem $CollectPath -Name
$partners = Import-Clixml $CollectPath\CsXmppAllowedPartner.xml
"Saved $(@($partners).Count) partner(s): $($partners.Identity -join ', ')"
