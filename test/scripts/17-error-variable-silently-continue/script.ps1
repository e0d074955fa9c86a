# Remove a list of partners, some of which are long gone.
$gone = "gmail.com", "oldpartner.example", "jabber.org"
foreach ($domain in $gone) {
    Remove-CsXmppAllowedPartner -Identity $domain -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable problem
    if ($problem) { "skipped $domain" } else { "removed $domain" }
}
"left: $(@(Get-CsXmppAllowedPartner).Count), errors recorded: $($Error.Count)"
