# Health check: runs each Get- command of the list and counts what it returns
$checks = "Get-CsXmppAllowedPartner", "Get-CsExternalAccessPolicy", "Get-CsService"
foreach ($check in $checks) {
    $result = & $check
    "{0}: {1}" -f $check, @($result).Count
}
