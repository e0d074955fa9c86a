/** The PowerShell-subset language (issue 4). It imports nothing of csxmpp but src/errors.ts. */
export {SourceText, decodeScript, positionLines, type Extent, type Location} from './source.js'
export {atExtent, parseError} from './errors.js'
export {Scanner, type RequiresLine} from './scanner.js'
export {CASE_FORMS, DASH_OPERATORS, type ScanMode, type StringPart, type Token} from './tokens.js'
