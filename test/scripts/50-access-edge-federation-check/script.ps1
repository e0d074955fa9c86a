# Check-Federation.ps1: XMPP needs federation on at the Edge.
$edge = Get-CsAccessEdgeConfiguration
if (-not $edge.AllowFederatedUsers) {
    Write-Host "Federation is off at the Edge; turning it on" -ForegroundColor Yellow
    Set-CsAccessEdgeConfiguration -AllowFederatedUsers $True
}
Get-CsAccessEdgeConfiguration | Select-Object Allow*
(Get-CsAccessEdgeConfiguration).RoutingMethod
