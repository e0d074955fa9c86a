<#
    Import-Partners.ps1
    Creates the XMPP partners listed in partners.csv (exported from the old Lync 2013 pool).
#>
#Requires -Version 3
$ErrorActionPreference = "Continue"
$rows = Import-Csv -Path .\partners.csv
$created = 0
foreach ($row in $rows) {
    Write-Host "Adding partner $($row.Domain) ($($row.Type))..."
    $params = @{
        Identity        = $row.Domain
        PartnerType     = $row.Type
        TlsNegotiation  = $row.Tls
        SaslNegotiation = $row.Sasl
        Description     = "Imported from Lync 2013"
    }
    New-CsXmppAllowedPartner @params | Out-Null
    $created++
}
"{0} of {1} partners created" -f $created, $rows.Count
Get-CsXmppAllowedPartner | Select-Object Identity, PartnerType, TlsNegotiation, SaslNegotiation
