$attr = "msRTCSIP-PrimaryUserAddress"
$rows = Import-Csv .\ad-users.csv
foreach ($r in $rows) {
    $sip = $r.$attr
    if ([string]::IsNullOrEmpty($sip)) { Write-Warning "$($r.'DisplayName') has no SIP address"; continue }
    $r | Add-Member -NotePropertyName SipDomain -NotePropertyValue ($sip -replace '^sip:[^@]+@', '')
    "{0,-15} {1}" -f $r."DisplayName", $r.SipDomain
}
