# Restore-PartnersFromCsv.ps1
# The Clixml export was lost; the change board kept a CSV made on the old pool with
#   Get-CsXmppAllowedPartner | Export-Csv lync-partners.csv
# Export-Csv wrote AdditionalDomains as a type name, so those are added again by hand below.
Import-Csv .\lync-partners.csv | Set-CsXmppAllowedPartner
Set-CsXmppAllowedPartner -Identity gmail.com -AdditionalDomains @{Add = "googlemail.com"}
Get-CsXmppAllowedPartner | Format-Table Identity, TlsNegotiation, SaslNegotiation, PartnerType, ConnectionLimit, Description
