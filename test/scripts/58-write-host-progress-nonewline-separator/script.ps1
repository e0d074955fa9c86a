$partners = Get-CsXmppAllowedPartner
$i = 0
foreach ($p in $partners) {
    $i++
    Write-Progress -Activity "Checking partners" -Status "$i of $($partners.Count)" -PercentComplete ($i * 100 / $partners.Count)
    Write-Host "Checking $($p.Identity)... " -NoNewline
    if ($p.EnableKeepAlive) { Write-Host "OK" -ForegroundColor Green } else { Write-Host "keep-alive off" -ForegroundColor Yellow }
}
Write-Progress -Activity "Checking partners" -Completed
Write-Host "Domains:" ($partners.Identity) -Separator " | "
