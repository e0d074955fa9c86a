$ErrorActionPreference = "Stop"
$file = ".\new-partners.csv"
if (-not (Test-Path $file)) { throw "Input file $file not found; nothing changed." }
Import-Csv $file | ForEach-Object { New-CsXmppAllowedPartner $_.Domain }
