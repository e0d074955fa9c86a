import {ErrorRecord} from '../errors.js'
import {type Extent, positionLines} from './source.js'

/**
 * Errors raised in script text. They carry the position lines of their extent (powershell.md §11.1):
 * the offending token for parse errors and unsupported constructs, the command or expression otherwise.
 */

/** parseError is a syntax error or a construct outside the subset, found before anything runs (§3, §14). */
export function parseError(errorId: string, message: string, extent: Extent): ErrorRecord {
  return atExtent(new ErrorRecord({message, errorId, category: 'ParserError', reason: 'ParseException'}), extent)
}

/** atExtent attaches an extent's position lines to a record raised while a statement ran. */
export function atExtent(record: ErrorRecord, extent: Extent): ErrorRecord {
  record.positionLines = positionLines(extent)
  const {line, column} = extent.source.locate(extent.start)
  record.position = {scriptName: extent.source.name, line, column, lineText: extent.source.lineText(line)}
  return record
}
