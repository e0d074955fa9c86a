$p = Get-CsXmppAllowedPartner fabrikam-im.example
Write-Host "Partner:" $p.Identity "type" $p.PartnerType
Write-Host $p.AdditionalDomains -Separator ", "
Write-Host ("Limit {0}/{1}" -f $p.ConnectionLimit, (Get-CsXmppGatewayConfiguration).PartnerConnectionLimit)
Write-Host
Write-Host "done" -BackgroundColor DarkBlue -ForegroundColor White
