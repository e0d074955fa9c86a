$targets = "fabrikam-im.example", "gone-im.example", "contoso-im.example"
foreach ($t in $targets) {
    Remove-CsXmppAllowedPartner -Identity $t -ErrorAction SilentlyContinue -ErrorVariable +removeErrors
}
"$($removeErrors.Count) error(s): $($removeErrors[0].TargetObject)"
(Get-CsXmppAllowedPartner | Measure-Object).Count
