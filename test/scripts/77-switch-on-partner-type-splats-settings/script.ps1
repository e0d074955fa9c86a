foreach ($p in Get-CsXmppAllowedPartner) {
    $settings = switch ($p.PartnerType) {
        "Federated"        { @{ EnableKeepAlive = $true;  ConnectionLimit = 50 } }
        "PublicVerified"   { @{ EnableKeepAlive = $true;  ConnectionLimit = 20 } }
        "PublicUnverified" { @{ EnableKeepAlive = $false; ConnectionLimit = 5 } }
    }
    Set-CsXmppAllowedPartner -Identity $p.Identity @settings
}
Get-CsXmppAllowedPartner | Format-Table Identity, PartnerType, ConnectionLimit, EnableKeepAlive
