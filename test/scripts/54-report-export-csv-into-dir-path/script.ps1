$reportDir = "reports"
New-Item -ItemType Directory -Path $reportDir -Force | Out-Null
$stamp = "2026-12-01"
Get-CsXmppAllowedPartner | Where-Object { $_.Identity -like "*-xmpp.*" -or $_.PartnerType -eq "Federated" } |
    Select-Object Identity, PartnerType, @{Name="Domains"; Expression={ $_.AdditionalDomains -join ";" }} |
    Export-Csv -Path $reportDir\partners-$stamp.csv -NoTypeInformation
Get-Content $reportDir\partners-$stamp.csv
