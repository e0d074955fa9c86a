$domains = (Get-CsXmppAllowedPartner).Identity
$imDomains = $domains -like "*-im.*"
"IM: $($imDomains -join ', ')"
$others = $domains -notlike "*-im.*"
"Other: $($others -join ', ')"
if ($domains -contains "fabrikam-im.example") { "fabrikam-im.example is a partner" }
"a-b" -like "a-*"
'[lab]-im.example' -like '`[lab`]-*'
