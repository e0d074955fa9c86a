# Add-FederationPartners.ps1: stop at the first partner that fails and say why.
$partners = @(
    @{ Identity = "contoso.com"; PartnerType = "Federated"; SaslNegotiation = "NotSupported" },
    @{ Identity = "litwareinc.com"; PartnerType = "Federated"; SaslNegotiation = "NotSupported" },
    @{ Identity = "tailspintoys.com"; PartnerType = "PublicVerified"; SaslNegotiation = "NotSupported" }
)
$added = 0
try {
    foreach ($p in $partners) {
        New-CsXmppAllowedPartner @p -ErrorAction Stop | Out-Null
        $added++
        Write-Host "Added $($p.Identity)"
    }
}
catch {
    Write-Host "FAILED: $($_.Exception.Message)"
    Write-Host "Category: $($_.CategoryInfo)"
}
finally {
    Write-Host "$added partner(s) added"
}
Get-CsXmppAllowedPartner | Select-Object Identity, PartnerType
