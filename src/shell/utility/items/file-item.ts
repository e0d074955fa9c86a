import {type Stats, lstatSync, statSync} from 'node:fs'
import path from 'node:path'
import {PSObject} from '../../../values/objects.js'

/**
 * System.IO.FileInfo and System.IO.DirectoryInfo (powershell.md §4.5, §9 File items): what New-Item,
 * Get-Item, Get-ChildItem and -PassThru output. Their string form is the full path (DECISION: pwsh).
 */

const FILE_INFO = 'System.IO.FileInfo'
const DIRECTORY_INFO = 'System.IO.DirectoryInfo'
/** FILE_ITEM_TYPES: a piped file item binds to -Path by its full path (§9 Paths). */
export const FILE_ITEM_TYPES = [FILE_INFO, DIRECTORY_INFO]
const BASE_TYPES = ['System.IO.FileSystemInfo', 'System.MarshalByRefObject', 'System.Object']

/** itemStats follows a symbolic link; a broken one is described by the link itself. */
export function itemStats(full: string): Stats {
  try {
    return statSync(full)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    return lstatSync(full)
  }
}

/** extension is .NET's Path.GetExtension: from the last dot of the name, empty when it ends the name. */
function extension(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot < 0 || dot === name.length - 1 ? '' : name.slice(dot)
}

/** mode is the Windows attribute letters (DECISION §9): directory, archive, read-only. */
function mode(stats: Stats): string {
  if (stats.isDirectory()) return 'd-----'
  return (stats.mode & 0o200) === 0 ? '-ar---' : '-a----'
}

/** parentOf is the full path of the directory holding an item; null for the root. */
function parentOf(full: string): string | null {
  const parent = path.dirname(full)
  return parent === full ? null : parent
}

/** fileItem describes the item at a full path; it throws the operating system's error when there is none. */
export function fileItem(full: string, stats: Stats = itemStats(full)): PSObject {
  const isDirectory = stats.isDirectory()
  const name = path.basename(full) || full
  const ext = extension(name)
  const item = new PSObject([isDirectory ? DIRECTORY_INFO : FILE_INFO, ...BASE_TYPES])
  item.stringForm = full
  item.addProperty('Name', name).addProperty('FullName', full)
  item.addProperty('BaseName', isDirectory || ext === '' ? name : name.slice(0, -ext.length)).addProperty('Extension', ext)
  if (!isDirectory) item.addProperty('Length', stats.size)
  item.addProperty('LastWriteTime', stats.mtime).addProperty('Mode', mode(stats))
  item.addProperty('PSIsContainer', isDirectory).addProperty('Exists', true)
  item.addProperty(isDirectory ? 'Parent' : 'DirectoryName', parentOf(full))
  return item
}

/** isFileItem tells a FileInfo or DirectoryInfo (a piped item binds to -Path by its full path, literally, §9 Paths). */
export function isFileItem(value: unknown): boolean {
  return value instanceof PSObject && FILE_ITEM_TYPES.includes(value.typeNames[0] ?? '')
}
