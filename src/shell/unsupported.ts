/**
 * What is outside the subset (powershell.md §14) and the messages that say so. The parser uses the
 * keyword and variable tables; the command tables serve both the check before running (literal
 * names) and the run-time check (computed names).
 */

/** PIPELINE_INPUT_MESSAGE is the message for named blocks, `filter`, `$input` and `ValueFromPipeline`. */
export const PIPELINE_INPUT_MESSAGE = 'Pipeline input to functions (begin/process/end) is not supported by csxmpp; use foreach.'

/** Statement keywords outside the subset and their messages. */
export const UNSUPPORTED_KEYWORDS: Readonly<Record<string, string>> = {
  class: 'Class definitions are not supported by csxmpp.',
  enum: 'Enum definitions are not supported by csxmpp.',
  using: 'The using statement is not supported by csxmpp.',
  workflow: 'Workflows are not supported by csxmpp.',
  parallel: 'Workflows are not supported by csxmpp.',
  sequence: 'Workflows are not supported by csxmpp.',
  inlinescript: 'Workflows are not supported by csxmpp.',
  configuration: 'DSC configurations are not supported by csxmpp.',
  do: 'do loops are not supported by csxmpp; use while.',
  trap: 'The trap statement is not supported by csxmpp; use try/catch.',
  data: 'Data sections are not supported by csxmpp.',
  filter: PIPELINE_INPUT_MESSAGE,
  begin: PIPELINE_INPUT_MESSAGE,
  process: PIPELINE_INPUT_MESSAGE,
  end: PIPELINE_INPUT_MESSAGE,
  dynamicparam: PIPELINE_INPUT_MESSAGE,
}

/** Switch flags outside the subset and their messages (§14); the check before running reports them. */
export const UNSUPPORTED_SWITCH_FLAGS: Readonly<Record<string, string>> = {
  file: 'switch -File is not supported by csxmpp; use switch (Get-Content <file>).',
  parallel: 'Workflows are not supported by csxmpp.',
}

/** Variables the parser can tell are PowerShell automatic variables outside the subset (§4.4, §14). */
export const UNSUPPORTED_VARIABLES = new Set(['pscmdlet', 'executioncontext'])

/** Drive-qualified variables outside the subset (`$using:x`, …). */
export const UNSUPPORTED_VARIABLE_SCOPES = new Set(['using', 'function', 'variable', 'alias', 'drive'])

/** The variable scopes of the subset (§2.4). */
export const VARIABLE_SCOPES = new Set(['script', 'global', 'local', 'env'])

const REMOTING = [
  'New-PSSession', 'Enter-PSSession', 'Exit-PSSession', 'Invoke-Command', 'Import-PSSession', 'Export-PSSession',
  'Get-PSSession', 'Remove-PSSession', 'New-PSSessionOption', 'Connect-PSSession', 'Disconnect-PSSession',
]
const JOBS = ['Start-Job', 'Get-Job', 'Receive-Job', 'Wait-Job', 'Stop-Job', 'Remove-Job']
const DSC = ['Start-DscConfiguration', 'Get-DscConfiguration', 'Test-DscConfiguration', 'Get-DscResource', 'Invoke-DscResource']
/** Windows PowerShell 5.1 cmdlets of its own modules that §9 does not implement. */
const WINDOWS_CMDLETS = [
  'Get-WmiObject', 'Set-WmiInstance', 'Invoke-WmiMethod',
  'Remove-WmiObject', 'Get-CimInstance', 'Set-CimInstance', 'New-CimInstance', 'Remove-CimInstance', 'Invoke-CimMethod',
  'New-CimSession', 'Send-MailMessage', 'Start-Process', 'Stop-Process', 'Get-Process', 'Wait-Process', 'Get-Service',
  'Start-Service', 'Stop-Service', 'Restart-Service', 'Set-Service', 'New-Service', 'Get-EventLog', 'Write-EventLog',
  'Get-WinEvent', 'New-EventLog', 'Set-Item', 'Rename-Item',
  'Get-ItemProperty', 'Set-ItemProperty', 'New-ItemProperty', 'Remove-ItemProperty', 'Clear-Content',
  'Clear-Item', 'Invoke-Item', 'Get-Location', 'Set-Location', 'Push-Location', 'Pop-Location',
  'Convert-Path', 'Get-PSDrive', 'New-PSDrive', 'Remove-PSDrive', 'Get-Acl', 'Set-Acl',
  'Invoke-WebRequest', 'Invoke-RestMethod', 'New-WebServiceProxy', 'Test-Connection', 'Restart-Computer', 'Stop-Computer',
  'Rename-Computer', 'Add-Computer', 'Remove-Computer', 'Get-HotFix', 'Get-ComputerInfo', 'Get-Variable', 'Set-Variable',
  'New-Variable', 'Remove-Variable', 'Clear-Variable', 'Get-Alias', 'Set-Alias', 'New-Alias', 'Export-Alias', 'Import-Alias',
  'Get-Member', 'Tee-Object', 'Out-GridView', 'Out-Printer', 'Out-Host', 'Get-Unique',
  'ConvertTo-Csv', 'ConvertFrom-Csv', 'ConvertTo-Html', 'ConvertTo-Xml', 'Select-Xml', 'Select-String', 'Format-Wide',
  'Format-Custom', 'Get-Random', 'Get-Culture', 'Get-UICulture', 'Get-Host', 'Get-History', 'Invoke-History',
  'Add-History', 'Clear-History', 'Get-Event', 'Register-ObjectEvent', 'Register-EngineEvent', 'Wait-Event',
  'Get-TraceSource', 'Trace-Command', 'Set-PSBreakpoint', 'Get-PSBreakpoint', 'Measure-Command', 'Get-ExecutionPolicy',
  'Set-ExecutionPolicy', 'Get-AuthenticodeSignature', 'Set-AuthenticodeSignature',
  'ConvertFrom-SecureString', 'Get-PfxCertificate', 'Get-PSSnapin', 'Remove-PSSnapin', 'Update-Help',
  'Save-Help', 'Show-Command', 'Get-Counter', 'Enable-PSRemoting', 'Disable-PSRemoting', 'Get-TimeZone',
  'Set-Date', 'Update-TypeData', 'Update-FormatData', 'Export-FormatData', 'Get-FormatData', 'New-TimeSpan',
  'Get-FileHash', 'Expand-Archive', 'Compress-Archive',
  'Unblock-File', 'Get-Clipboard', 'Set-Clipboard',
]

/** commandNotSupported returns the §14 message for a command name outside the subset, if it is one. */
export function commandNotSupported(name: string): string | undefined {
  const lower = name.toLowerCase()
  const find = (list: readonly string[]) => list.find((n) => n.toLowerCase() === lower)
  const remoting = find(REMOTING)
  if (remoting) {
    return `PowerShell remoting (${remoting}) is not supported by csxmpp; csxmpp runs the Lync cmdlets locally, so remove the session lines.`
  }
  const job = find(JOBS)
  if (job) return `Background jobs (${job}) are not supported by csxmpp.`
  if (find(DSC)) return 'DSC configurations are not supported by csxmpp.'
  if (lower === 'invoke-expression' || lower === 'iex') return 'Invoke-Expression is not supported by csxmpp.'
  if (lower === 'add-type') return 'The cmdlet \'Add-Type\' is not supported by csxmpp.'
  if (lower === 'remove-module' || lower === 'new-module') return `${find(['Remove-Module', 'New-Module'])} is not supported by csxmpp.`
  const cmdlet = find(WINDOWS_CMDLETS)
  return cmdlet ? `The cmdlet '${cmdlet}' is not supported by csxmpp.` : undefined
}

/** isLyncModule tells whether Import-Module's argument names the Lync module (a path's last segment counts, §14). */
export function isLyncModule(name: string): boolean {
  const last = name.split(/[\\/]/).pop() ?? ''
  return /^(lync|skypeforbusiness)$/i.test(last.replace(/\.[^.]*$/, ''))
}

/** importModuleNotSupported is the message for `Import-Module X` of another module. */
export function importModuleNotSupported(name: string): string {
  return `Import-Module ${name} is not supported by csxmpp; only the Lync and SkypeForBusiness modules are known, and they need no import.`
}
