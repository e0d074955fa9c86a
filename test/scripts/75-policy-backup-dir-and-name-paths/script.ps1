$dir = "policy-backup"
New-Item $dir -ItemType Directory | Out-Null
foreach ($p in Get-CsExternalAccessPolicy) {
    $name = $p.Identity -replace ':', '-'
    $p | Export-Clixml $dir\$name.xml
}
Get-ChildItem $dir | ForEach-Object { "{0} ({1})" -f $_.Name, $_.Extension }
