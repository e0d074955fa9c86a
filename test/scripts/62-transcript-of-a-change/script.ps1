$log = "migration-transcript.log"
Start-Transcript -Path $log | Out-Null
Write-Host "Enabling XMPP for the Global policy"
Set-CsExternalAccessPolicy -Identity Global -EnableXmppAccess $true
Write-Warning "Remember to grant XMPP to the pilot users"
Stop-Transcript | Out-Null
$lines = Get-Content $log
$lines -contains "Enabling XMPP for the Global policy"
$lines -contains "WARNING: Remember to grant XMPP to the pilot users"
$lines[0]
