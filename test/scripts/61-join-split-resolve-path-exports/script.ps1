$root = Join-Path "." "partner-exports"
New-Item -ItemType Directory -Path $root -Force | Out-Null
foreach ($p in Get-CsXmppAllowedPartner) {
    $file = Join-Path $root "$($p.Identity).xml"
    $p | Export-Clixml -Path $file
    "{0} -> {1}" -f $p.Identity, (Split-Path $file -Leaf)
}
(Get-ChildItem $root -Filter "*-im.*" -Name) -join ", "
Split-Path (Resolve-Path $root\contoso-im.example.xml -Relative) -Parent
