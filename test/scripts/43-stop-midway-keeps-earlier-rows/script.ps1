# Import-PartnerList.ps1: stops at the first bad row; the rows before it stay imported.
$ErrorActionPreference = "Stop"
Import-Csv .\partners.csv | ForEach-Object {
    New-CsXmppAllowedPartner -Identity $_.Domain -PartnerType $_.Type -SaslNegotiation NotSupported | Out-Null
    Write-Host "Created $($_.Domain)"
}
Write-Host "All partners imported"
