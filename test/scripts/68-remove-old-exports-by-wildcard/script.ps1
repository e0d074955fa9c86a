$exportDir = "exports"
New-Item -ItemType Directory $exportDir | Out-Null
"old" | Set-Content $exportDir\partners-2025.xml
"old" | Set-Content $exportDir\policies-2025.xml
"new" | Set-Content $exportDir\partners-2026.xml
Get-ChildItem $exportDir\*-2025.xml | Remove-Item
Get-ChildItem $exportDir -Name
Remove-Item $exportDir\missing.xml -ErrorAction SilentlyContinue
"$($Error[0].FullyQualifiedErrorId)"
