# Old scripts read the topology with Get-CsSite; here a function of the script provides the site list.
function Get-CsSite { [pscustomobject]@{ Identity = "Site:Redmond"; SiteId = 1 } }
foreach ($site in Get-CsSite) {
    $name = $site.Identity -replace '^Site:', ''
    New-CsExternalAccessPolicy -Identity "Site:$name" -EnableXmppAccess $true | Out-Null
    "policy for $name"
}
