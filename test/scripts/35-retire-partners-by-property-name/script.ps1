# Retire the partners listed in the change tickets (an Excel export with an Identity column).
Import-Csv .\retire.csv | Remove-CsXmppAllowedPartner
"Remaining partners: $((Get-CsXmppAllowedPartner).Identity -join ', ')"
