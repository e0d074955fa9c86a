# Retire-TestPartners.ps1: removes the test and lab partners, keeps the rest.
$removed = 0
foreach ($p in Get-CsXmppAllowedPartner) {
    switch -Wildcard ($p.Identity) {
        "test-*" { Remove-CsXmppAllowedPartner -Identity $p.Identity; $removed++; continue }
        "lab-*"  { Remove-CsXmppAllowedPartner -Identity $p.Identity; $removed++; continue }
        "*"      { "kept $($p.Identity)" }
    }
}
"$removed partner(s) removed"
