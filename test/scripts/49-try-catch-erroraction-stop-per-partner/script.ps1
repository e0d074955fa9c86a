$domains = "fabrikam-im.example", "contoso-im.example"
$failed = @()
foreach ($domain in $domains) {
    try {
        Set-CsXmppAllowedPartner -Identity $domain -EnableKeepAlive $false -ErrorAction Stop
        Write-Host "Updated $domain" -ForegroundColor Green
    }
    catch {
        $failed += $domain
        Write-Host "FAILED $domain : $($_.Exception.Message)" -ForegroundColor Red
    }
}
if ($failed.Count -gt 0) { Write-Warning "$($failed.Count) partner(s) not updated: $($failed -join ', ')" }
