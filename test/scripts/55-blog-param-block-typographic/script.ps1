param(
    [string]$Domain = “fabrikam-im.example”,
    [string]$Note = ‘Added from the partner onboarding wiki’
)
if (—not (Get-CsXmppAllowedPartner —Filter $Domain)) {
    New-CsXmppAllowedPartner —Identity $Domain —SaslNegotiation NotSupported —Description $Note | Out-Null
    Write-Host “Created $Domain”
} else {
    Write-Host “$Domain already exists”
}
Get-CsXmppAllowedPartner $Domain | Format-List Identity, Description
