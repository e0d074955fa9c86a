# Site policies for the three regional pools
$sites = @{ Redmond = $true; Dublin = $false; Tokyo = $true }
foreach ($site in $sites.Keys) {
    New-CsExternalAccessPolicy -Identity "Site:$site" -EnableFederationAccess $true -EnableXmppAccess $sites[$site] | Out-Null
}
Get-CsExternalAccessPolicy -Filter "Site:*" | ForEach-Object { "{0,-14} xmpp={1}" -f $_.Identity, $_.EnableXmppAccess }
