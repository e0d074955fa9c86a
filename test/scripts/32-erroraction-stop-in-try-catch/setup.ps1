New-CsSipDomain litwareinc.com | Out-Null
