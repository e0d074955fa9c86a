Get-CsXmppAllowedPartner | Where-Object Identity -CLike "*-IM.*" | ForEach-Object Identity
"--"
Get-CsXmppAllowedPartner | Where-Object Identity -Like "*-IM.*" | ForEach-Object Identity
Get-CsXmppAllowedPartner fabrikam-im.example | Select-Object *Negotiation | Format-List
