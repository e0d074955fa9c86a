param([Parameter(Mandatory = $true)][string]$Domain)
Remove-CsXmppAllowedPartner -Identity $Domain -Confirm:$false
