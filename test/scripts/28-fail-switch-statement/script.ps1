foreach ($p in Get-CsXmppAllowedPartner) {
    switch ($p.PartnerType) {
        "Federated" { Set-CsXmppAllowedPartner $p.Identity -EnableKeepAlive $false }
        default { }
    }
}
