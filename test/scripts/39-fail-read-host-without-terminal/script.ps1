# Reset-Federation.ps1: asks before removing every partner.
$answer = Read-Host "Remove all XMPP partners? (y/n)"
if ($answer -eq "y") {
    Get-CsXmppAllowedPartner | Remove-CsXmppAllowedPartner
    Write-Host "All partners removed."
}
