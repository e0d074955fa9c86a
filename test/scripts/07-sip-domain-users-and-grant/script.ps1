# Give the pilot users the FedPic policy.
New-CsSipDomain litwareinc.com | Out-Null
New-CsExternalAccessPolicy -Identity FedPic -EnableFederationAccess $true -EnableXmppAccess $true | Out-Null
$pilot = "Ken Myer", "Pilar Ackerman"
foreach ($name in $pilot) {
    $sip = "sip:" + ($name -replace " ", ".").ToLower() + "@litwareinc.com"
    Enable-CsUser -Identity $name -SipAddress $sip | Out-Null
    Grant-CsExternalAccessPolicy -Identity $name -PolicyName FedPic
}
Get-CsUser -Filter {ExternalAccessPolicy -eq "FedPic"} | Select-Object DisplayName, SipAddress, ExternalAccessPolicy
