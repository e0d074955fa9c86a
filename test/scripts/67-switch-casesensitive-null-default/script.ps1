$tiers = @{}
foreach ($p in Get-CsXmppAllowedPartner) {
    $tier = switch -CaseSensitive ($p.Description) {
        "GOLD"  { "gold" }
        "gold"  { "gold (lower-case tag)" }
        $null   { "untagged" }
        default { "other" }
    }
    $tiers[$p.Identity] = $tier
}
$tiers.GetEnumerator() | Sort-Object Name | ForEach-Object { "$($_.Name)=$($_.Value)" }
