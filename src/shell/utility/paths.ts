import {existsSync, readFileSync} from 'node:fs'
import {ErrorRecord} from '../../errors.js'
import {decodeText} from '../../values/text-encoding.js'
import {runtimeError} from '../../values/runtime-errors.js'
import {scriptPath} from '../interp/paths.js'

/** File paths of the file cmdlets (powershell.md §9 Paths): relative to the current directory, `\` a separator, `~` home. */

/** filePath resolves a -Path value; a drive letter is DriveNotFound. */
export function filePath(value: string): string {
  const drive = /^([a-z]):/i.exec(value)
  if (drive) {
    throw runtimeError(`Cannot find drive. A drive with the name '${drive[1]}' does not exist.`, 'DriveNotFound', 'ObjectNotFound', 'DriveNotFoundException', drive[1])
  }
  return scriptPath(value)
}

/** pathNotFound is `Cannot find path '<full path>' because it does not exist.` */
export function pathNotFound(full: string): ErrorRecord {
  return runtimeError(`Cannot find path '${full}' because it does not exist.`, 'PathNotFound', 'ObjectNotFound', 'ItemNotFoundException', full)
}

/** readText reads a text file: a BOM wins, else UTF-8, else Windows-1252 (§9 Encodings). */
export function readText(value: string): string {
  const full = filePath(value)
  if (!existsSync(full)) throw pathNotFound(full)
  return decodeText(readFileSync(full))
}
