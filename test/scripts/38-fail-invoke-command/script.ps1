# Cleanup-Partners.ps1: run from the admin workstation against the front end.
$frontEnd = "fe01.litwareinc.com"
Write-Host "Removing all XMPP partners on $frontEnd..."
Invoke-Command -ComputerName $frontEnd -ScriptBlock {
    Get-CsXmppAllowedPartner | Remove-CsXmppAllowedPartner
}
