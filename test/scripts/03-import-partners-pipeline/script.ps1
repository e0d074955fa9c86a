# One-liner style import, as posted on the Lync team blog, plus a count.
Import-Csv partners.csv | ForEach-Object { New-CsXmppAllowedPartner -Identity $_.Domain -PartnerType $_.Type -SaslNegotiation NotSupported -EnableKeepAlive ($_.KeepAlive -eq "True") } | Out-Null
"Partners now: $((Get-CsXmppAllowedPartner | Measure-Object).Count)"
Get-CsXmppAllowedPartner | Where-Object { -not $_.EnableKeepAlive } | ForEach-Object { "no keep-alive: $($_.Identity)" }
