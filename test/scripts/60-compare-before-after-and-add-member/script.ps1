$before = Get-CsXmppAllowedPartner | Select-Object Identity, PartnerType
Set-CsXmppAllowedPartner -Identity fabrikam-im.example -PartnerType Federated
New-CsXmppAllowedPartner -Identity litware-chat.example -SaslNegotiation NotSupported | Out-Null
$after = Get-CsXmppAllowedPartner | Select-Object Identity, PartnerType
Compare-Object $before $after -Property Identity, PartnerType
$report = foreach ($p in $after) {
    $p | Add-Member -NotePropertyName Hyphenated -NotePropertyValue ($p.Identity -like "*-*") -PassThru
}
$report | Format-Table Identity, Hyphenated
