# Deploy-Xmpp.ps1 (2014)
trap { Write-Host "error: $_"; continue }
Set-CsXmppGatewayConfiguration -ConnectionLimit 500
$job = Start-Job -ScriptBlock { Get-CsXmppAllowedPartner }
Invoke-Command -ComputerName lync01 -ScriptBlock { Get-CsXmppAllowedPartner }
Test-Path .\partners.csv && Write-Host "found"
