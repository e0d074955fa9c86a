# Enable-XmppPilot.ps1: reads an AD export (csvde) and enables the pilot users.
$users = Import-Csv .\users.csv
foreach ($u in $users) {
    $address = $u.'msRTCSIP-PrimaryUserAddress'
    switch -Regex ($address) {
        '^sip:(?<user>[^@]+)@litwareinc\.com$' {
            Enable-CsUser -Identity $u.DisplayName -SipAddress $address | Out-Null
            Grant-CsExternalAccessPolicy -Identity $u.DisplayName -PolicyName XmppPilot
            "enabled $($Matches.user) ($($u.Department))"
        }
        '@fabrikam-im\.example$' { "skipped federated contact $address" }
        default { "unknown address form: $address" }
    }
}
(Get-CsUser -Filter {ExternalAccessPolicy -eq "XmppPilot"}).Count
