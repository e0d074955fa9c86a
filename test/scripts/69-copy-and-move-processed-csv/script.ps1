New-Item -ItemType Directory -Path inbox, archive | Out-Null
Set-Content -Path inbox\new-partners.csv -Value "Domain", "fabrikam-im.example", "contoso-im.example"
foreach ($row in Import-Csv inbox\new-partners.csv) {
    New-CsXmppAllowedPartner -Identity $row.Domain -SaslNegotiation NotSupported | Out-Null
}
Copy-Item inbox\new-partners.csv archive\new-partners-copy.csv
Move-Item inbox\new-partners.csv archive\
Test-Path inbox\new-partners.csv
(Get-ChildItem archive -Name) -join ", "
