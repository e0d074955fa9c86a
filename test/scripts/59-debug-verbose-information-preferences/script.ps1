[CmdletBinding()]
param()
$DebugPreference = "Continue"
Write-Debug "Reading gateway configuration"
$cfg = Get-CsXmppGatewayConfiguration
Write-Verbose "ConnectionLimit is $($cfg.ConnectionLimit)"
Set-CsXmppGatewayConfiguration -ConnectionLimit 2000 -PartnerConnectionLimit 50
$VerbosePreference = "Continue"
Write-Verbose "Limits raised to $((Get-CsXmppGatewayConfiguration).ConnectionLimit)"
Write-Information "Limits raised" -InformationAction Continue
Write-Information "not shown"
