if (-not (Get-Module -Name Lync)) {
    Import-Module Lync -ErrorAction Stop
}
if ($host.Name -eq "ConsoleHost") { $host.UI.RawUI.WindowTitle = "XMPP migration" }
$host.UI.RawUI.WindowTitle
$PSVersionTable.PSVersion.Major -ge 3
(Get-Module Lync).ExportedCommands.ContainsKey("New-CsXmppAllowedPartner")
Get-Command -Module Lync -Name "*XmppAllowedPartner" | ForEach-Object Name
