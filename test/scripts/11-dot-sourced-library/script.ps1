# Main script using the shared helper library of the Lync team
. .\LyncHelpers.ps1
Add-Partner -Domain fabrikam.com -Trusted
Add-Partner -Domain contoso.com
Show-Partners
