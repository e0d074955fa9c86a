$password = ConvertTo-SecureString "P@ssw0rd-2013" -AsPlainText -Force
$cred = New-Object System.Management.Automation.PSCredential ("CONTOSO\lyncadmin", $password)
"User: $($cred.UserName)"
"Password: $($cred.Password)"
$cred | Select-Object UserName, Password | ConvertTo-Json -Compress
Set-CsXmppGatewayConfiguration -DialbackPassphrase "a-long-dialback-passphrase-2026"
(Get-CsXmppGatewayConfiguration).DialbackPassphrase
