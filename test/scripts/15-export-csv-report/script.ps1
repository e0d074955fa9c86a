# CSV report for the change board
Get-CsXmppAllowedPartner |
    Select-Object Identity, PartnerType, @{Name = "Domains"; Expression = { $_.AdditionalDomains -join ";" }}, EnableKeepAlive |
    Export-Csv -Path report.csv -NoTypeInformation
Get-Content report.csv
