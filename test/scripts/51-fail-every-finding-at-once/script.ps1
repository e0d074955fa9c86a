# Migrate-Federation.ps1 (written for Lync Server 2013)
Set-CsExternalAccessPolicy -Identity Global -EnableXmppAccess $true
$pool = Get-CsPool -Identity "pool01.contoso.com"
$sites = Get-CsSite | ForEach-Object { $_.Identity }
$flags = 0x3 -bor 0x4
do {
    $attempt++
} until ($attempt -ge 3)
Get-WmiObject -Class Win32_Service | Where-Object Name -like "RTC*"
