$answer = Read-Host "Remove the lab partners? (y/n)"
if ($answer -eq "y") {
    Get-CsXmppAllowedPartner -Filter "lab-*" | Remove-CsXmppAllowedPartner
    "removed"
} else {
    "nothing removed (answer: '$answer')"
}
