# Remove the public partners nobody uses any more.
$stale = Get-CsXmppAllowedPartner | Where-Object { $_.PartnerType -eq "PublicUnverified" }
"removing $(@($stale).Count): $($stale.Identity -join ', ')"
$stale | Remove-CsXmppAllowedPartner -Confirm:$false
Get-CsXmppAllowedPartner | ForEach-Object Identity
