# Defensive update script
$ErrorActionPreference = "Stop"
$log = @()
try {
    Set-CsXmppAllowedPartner -Identity jabber.org -ConnectionLimit 50
    $log += "jabber.org updated"
    Set-CsXmppAllowedPartner -Identity nope.example -ConnectionLimit 50
    $log += "not reached"
} catch {
    $log += "failed: $($_.Exception.Message)"
    $log += "id: $($_.FullyQualifiedErrorId)"
} finally {
    $log += "done"
}
$log
(Get-CsXmppAllowedPartner jabber.org).ConnectionLimit
