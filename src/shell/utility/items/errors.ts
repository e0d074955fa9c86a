import {type ErrorRecord, bindingError, cmdletError} from '../../../errors.js'
import {filePath} from '../paths.js'

/**
 * The errors of the file cmdlets (powershell.md §9 Paths, File items; §11.2): each is raised by the
 * cmdlet, so it carries the cmdlet as origin and id suffix (`PathNotFound,Get-Item`).
 */

/** itemNotFound: `Cannot find path '<full path>' because it does not exist.` */
export function itemNotFound(cmdlet: string, full: string): ErrorRecord {
  return cmdletError(cmdlet, {message: `Cannot find path '${full}' because it does not exist.`, errorId: 'PathNotFound', category: 'ObjectNotFound', reason: 'ItemNotFoundException', targetObject: full})
}

/** partOfPathNotFound: a missing directory in the path of a file to write (DECISION on the id, §9 Paths). */
export function partOfPathNotFound(cmdlet: string, full: string): ErrorRecord {
  return cmdletError(cmdlet, {message: `Could not find a part of the path '${full}'.`, errorId: 'DirectoryNotFound', category: 'WriteError', reason: 'DirectoryNotFoundException', targetObject: full})
}

/** fileExists: New-Item on an existing file without -Force (§9 New-Item). */
export function fileExists(cmdlet: string, full: string): ErrorRecord {
  return cmdletError(cmdlet, {message: `The file '${full}' already exists.`, errorId: 'NewItemIOError', category: 'WriteError', reason: 'IOException', targetObject: full})
}

/** directoryExists: New-Item -ItemType Directory on an existing item without -Force (§9 New-Item). */
export function directoryExists(cmdlet: string, full: string): ErrorRecord {
  return cmdletError(cmdlet, {message: `An item with the specified name ${full} already exists.`, errorId: 'DirectoryExist', category: 'ResourceExists', reason: 'IOException', targetObject: full})
}

/** directoryNotEmpty: Remove-Item of a non-empty directory without -Recurse (§9 Remove-Item). */
export function directoryNotEmpty(cmdlet: string, full: string): ErrorRecord {
  return cmdletError(cmdlet, {message: `Directory ${full} cannot be removed because it is not empty.`, errorId: 'DirectoryNotEmpty', category: 'WriteError', reason: 'IOException', targetObject: full})
}

/** destinationExists: Move-Item onto an existing file without -Force (§9 Move-Item). */
export function destinationExists(cmdlet: string, full: string): ErrorRecord {
  return cmdletError(cmdlet, {message: 'Cannot create a file when that file already exists.', errorId: 'MoveFileInfoItemIOError', category: 'WriteError', reason: 'IOException', targetObject: full})
}

/** itemTypeNotSupported: an -ItemType other than File and Directory (§9 New-Item). */
export function itemTypeNotSupported(cmdlet: string, type: string): ErrorRecord {
  return cmdletError(cmdlet, {
    message: `The item type ${type} of New-Item is not supported by csxmpp; use File or Directory.`,
    errorId: 'NotSupportedByCsxmpp',
    category: 'NotImplemented',
    reason: 'NotSupportedException',
    targetObject: type,
  })
}

/** invalidWildcard: a -Path whose last segment is not a valid pattern (§5.3, WildcardPattern_Invalid). */
export function invalidWildcard(cmdlet: string, message: string, pattern: string): ErrorRecord {
  return cmdletError(cmdlet, {message, errorId: 'WildcardPattern_Invalid', category: 'InvalidArgument', reason: 'WildcardPatternException', targetObject: pattern})
}

/** nullPath: a mandatory -Path given as `$null` or `""` (§9 Paths), PS's binding error. */
export function nullPath(cmdlet: string, empty: boolean): ErrorRecord {
  return bindingError(
    cmdlet,
    empty ? 'ParameterArgumentValidationErrorEmptyStringNotAllowed' : 'ParameterArgumentValidationErrorNullNotAllowed',
    `Cannot bind argument to parameter 'Path' because ${empty ? 'it is an empty string' : 'it is null'}.`,
    'InvalidData',
    'ParameterBindingValidationException',
  )
}

/**
 * fileSystemError turns what the operating system refused into the record PS would write (§8.1: no
 * input may crash csxmpp). COMPAT(ps): the unauthorized-access id is `<Verb><Noun>UnauthorizedAccessError`,
 * as New-Item and Get-ChildItem name theirs.
 */
export function fileSystemError(cmdlet: string, full: string, error: unknown): ErrorRecord {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code === 'ENOENT') return itemNotFound(cmdlet, full)
  if (code === 'ENOTDIR') return partOfPathNotFound(cmdlet, full)
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    const id = `${cmdlet.replace('-', '')}UnauthorizedAccessError`
    return cmdletError(cmdlet, {message: `Access to the path '${full}' is denied.`, errorId: id, category: 'PermissionDenied', reason: 'UnauthorizedAccessException', targetObject: full})
  }
  if (code === 'ENAMETOOLONG') {
    const message = 'The specified path, file name, or both are too long. The fully qualified file name must be less than 260 characters, and the directory name must be less than 248 characters.'
    return cmdletError(cmdlet, {message, errorId: 'PathTooLong', category: 'InvalidArgument', reason: 'PathTooLongException', targetObject: full})
  }
  const reason = error instanceof Error ? error.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*$/s, '') : String(error)
  return cmdletError(cmdlet, {message: `The operation on '${full}' failed: ${reason}.`, errorId: 'IOError', category: 'WriteError', reason: 'IOException', targetObject: full})
}

/** itemPath resolves a path as written (§9 Paths); a drive letter is DriveNotFound, raised by the cmdlet as in PS. */
export function itemPath(cmdlet: string, text: string): string {
  try {
    return filePath(text)
  } catch (error) {
    const record = error as ErrorRecord
    throw cmdletError(cmdlet, {message: record.message, errorId: record.errorId, category: record.category, reason: record.reason, targetObject: record.targetObject})
  }
}
