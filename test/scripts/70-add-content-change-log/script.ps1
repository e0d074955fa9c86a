$logFile = ".\xmpp-changes.log"
function Write-ChangeLog([string]$Text) {
    Add-Content -Path $logFile -Value "$(Get-Date -Date '2026-12-01T08:00:00' -Format 'yyyy-MM-dd') $Text"
}
Write-ChangeLog "start"
Set-CsXmppAllowedPartner -Identity fabrikam-im.example -ProxyFqdn "xmpp-proxy.fabrikam-im.example"
Write-ChangeLog "fabrikam-im.example now uses xmpp-proxy.fabrikam-im.example"
Get-Content $logFile
