# The 2013 pool used a 7-character passphrase; partners still have keys derived from it.
Set-CsXmppGatewayConfiguration -DialbackPassphrase "Lync13!"
Set-CsXmppGatewayConfiguration -DialbackPassphrase "********"
(Get-CsXmppGatewayConfiguration).DialbackPassphrase
Set-CsXmppGatewayConfiguration -DialbackPassphrase ("x" * 1025)
