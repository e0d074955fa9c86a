$regions = @{}
$regions.'eu-west' = "fabrikam-im.example", "contoso-im.example"
$regions.'us-east' = @("northwind-im.example")
foreach ($region in $regions.Keys) {
    foreach ($domain in $regions.$region) {
        New-CsXmppAllowedPartner -Identity $domain -SaslNegotiation NotSupported -Description "Region $region" | Out-Null
    }
}
$key = "eu-west"
"$key has $($regions.$key.Count) partner(s)"
Get-CsXmppAllowedPartner | Group-Object Description | ForEach-Object { "{0}: {1}" -f $_.Name, $_.Count }
