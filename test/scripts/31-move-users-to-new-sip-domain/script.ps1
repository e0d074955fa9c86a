# Move-SipDomain.ps1: the company dropped fabrikam.local; the users move to fabrikam.com.
param(
    [string]$OldDomain = "fabrikam.local",
    [string]$NewDomain = "fabrikam.com"
)
$ErrorActionPreference = "Stop"

New-CsSipDomain -Identity $NewDomain | Out-Null
Set-CsSipDomain -Identity $NewDomain -IsDefault $true

$pattern = "*@$OldDomain"
$users = Get-CsUser -Filter {SipAddress -like $pattern -and DisplayName -ne "Test User"}
foreach ($u in $users) {
    $newSip = $u.SipAddress.Replace("@$OldDomain", "@$NewDomain")
    Set-CsUser -Identity $u.SipAddress -SipAddress $newSip
    Write-Host "Moved $($u.DisplayName) to $newSip"
}
Disable-CsUser -Identity "Test User"
Remove-CsSipDomain -Identity $OldDomain
Get-CsSipDomain
Get-CsUser | Format-Table Identity, SipAddress, RegistrarPool
