/** The fixed aliases of powershell.md §7.1 (case-insensitive). */
const ALIASES: Readonly<Record<string, string>> = {
  '?': 'Where-Object',
  where: 'Where-Object',
  '%': 'ForEach-Object',
  foreach: 'ForEach-Object',
  select: 'Select-Object',
  sort: 'Sort-Object',
  measure: 'Measure-Object',
  group: 'Group-Object',
  fl: 'Format-List',
  ft: 'Format-Table',
  compare: 'Compare-Object',
  diff: 'Compare-Object',
  cls: 'Clear-Host',
  clear: 'Clear-Host',
  gmo: 'Get-Module',
  echo: 'Write-Output',
  write: 'Write-Output',
  gc: 'Get-Content',
  cat: 'Get-Content',
  type: 'Get-Content',
  sleep: 'Start-Sleep',
  gcm: 'Get-Command',
  help: 'Get-Help',
  man: 'Get-Help',
  ipcsv: 'Import-Csv',
  epcsv: 'Export-Csv',
}

/** resolveAlias returns the command an alias stands for, or undefined. */
export function resolveAlias(name: string): string | undefined {
  return ALIASES[name.toLowerCase()]
}

/** aliasNames lists the aliases with their commands, for Get-Command and completion. */
export function aliasEntries(): Array<[string, string]> {
  return Object.entries(ALIASES)
}
