param([string]$CsvPath = ".\partners.csv")
$rows = Import-Csv $CsvPath
$imRows = $rows | Where-Object { $_.Domain -like "*-im.*" }
Write-Host "$(@($imRows).Count) of $($rows.Count) rows are IM hubs"
foreach ($row in $rows) {
    $params = @{
        Identity        = $row.Domain
        PartnerType     = $row.Type
        TlsNegotiation  = $row.Tls
        SaslNegotiation = $row.Sasl
    }
    if ($row.Notes) { $params.Description = $row.Notes }
    New-CsXmppAllowedPartner @params | Out-Null
}
Get-CsXmppAllowedPartner -Filter "*-im.*" | ForEach-Object { ("{0} [{1}] {2}" -f $_.Identity, $_.PartnerType, $_.Description).TrimEnd() }
Get-CsXmppAllowedPartner | Where-Object Identity -NotLike "*-im.*" | Select-Object -ExpandProperty Identity
