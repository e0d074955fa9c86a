function Add-Partners {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory=$true, Position=0)][string]$PartnerType,
        [Parameter(ValueFromRemainingArguments=$true)][string[]]$Domains
    )
    foreach ($d in $Domains) {
        New-CsXmppAllowedPartner -Identity $d -PartnerType $PartnerType -SaslNegotiation NotSupported | Out-Null
        Write-Output "added $d as $PartnerType"
    }
}
Add-Partners Federated fabrikam-im.example contoso-im.example
Add-Partners -PartnerType PublicVerified northwind-chat.example
