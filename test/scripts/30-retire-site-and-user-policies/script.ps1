<#
    Retire-ExternalAccessPolicies.ps1
    Decommissioning checklist, step 4: back to the global policy only.
#>
Import-Module Lync
Get-CsExternalAccessPolicy -Filter site:* | Remove-CsExternalAccessPolicy
Remove-CsExternalAccessPolicy -Identity RedmondAccessPolicy
Remove-CsExternalAccessPolicy -Identity RedmondAccessPolicy -Force
Remove-CsExternalAccessPolicy -Identity global
Get-CsExternalAccessPolicy | Format-Table Identity, EnableFederationAccess, EnableXmppAccess
Get-CsUser | Select-Object DisplayName, Site, ExternalAccessPolicy
