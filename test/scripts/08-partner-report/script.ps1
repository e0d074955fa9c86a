# Weekly partner report
Get-CsXmppAllowedPartner | Group-Object PartnerType | Sort-Object Count -Descending | Select-Object Count, Name
$stats = Get-CsXmppAllowedPartner | Measure-Object -Property ConnectionLimit -Sum -Maximum
"Total connection budget: $($stats.Sum) (largest $($stats.Maximum))"
Get-CsXmppAllowedPartner | Sort-Object Identity | Format-Table Identity, PartnerType, TlsNegotiation, EnableKeepAlive
