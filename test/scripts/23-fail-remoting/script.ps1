# The old way: a remote session to the Lync pool.
$session = New-PSSession -ConnectionUri https://pool01.litwareinc.com/ocspowershell -Authentication NegotiateWithImplicitCredential
Import-PSSession $session
Remove-CsXmppAllowedPartner gmail.com -Confirm:$false
