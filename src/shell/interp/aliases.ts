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
  ni: 'New-Item',
  mkdir: 'New-Item',
  md: 'New-Item',
  gi: 'Get-Item',
  gci: 'Get-ChildItem',
  ls: 'Get-ChildItem',
  dir: 'Get-ChildItem',
  ri: 'Remove-Item',
  rm: 'Remove-Item',
  rmdir: 'Remove-Item',
  del: 'Remove-Item',
  erase: 'Remove-Item',
  rd: 'Remove-Item',
  cpi: 'Copy-Item',
  cp: 'Copy-Item',
  copy: 'Copy-Item',
  mi: 'Move-Item',
  mv: 'Move-Item',
  move: 'Move-Item',
  ac: 'Add-Content',
  rvpa: 'Resolve-Path',
}

/** Aliases that also give parameters: `mkdir` and `md` are New-Item -ItemType Directory (§7.1; in 5.1 a function). */
const PRESETS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  mkdir: {ItemType: 'Directory'},
  md: {ItemType: 'Directory'},
}

/** applyAliasPresets adds the parameters an alias stands for, unless the command line gave them. */
export function applyAliasPresets(name: string, values: Map<string, unknown>): void {
  for (const [parameter, value] of Object.entries(PRESETS[name.toLowerCase()] ?? {})) if (!values.has(parameter)) values.set(parameter, value)
}

/** resolveAlias returns the command an alias stands for, or undefined. */
export function resolveAlias(name: string): string | undefined {
  return ALIASES[name.toLowerCase()]
}

/** aliasNames lists the aliases with their commands, for Get-Command and completion. */
export function aliasEntries(): Array<[string, string]> {
  return Object.entries(ALIASES)
}
