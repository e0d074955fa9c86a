[CmdletBinding()]
param(
    [Parameter(Position=0)][string]$PoolFqdn = "pool01.contoso.com",
    [System.Management.Automation.PSCredential]$Credential
)
if (-not $Credential) {
    $Credential = Get-Credential -Message "Lync administrator for $PoolFqdn"
}
Write-Verbose "Using pool $PoolFqdn"
Set-CsExternalAccessPolicy -Identity Global -EnableXmppAccess $true
"XMPP enabled on $PoolFqdn"
