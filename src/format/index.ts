export {formatOutput, listLines} from './out-default.js'
export {categoryInfo, formatErrorRecord, formatStreamMessage, jsonErrorLine} from './error-view.js'
export {FORMAT_ENUMERATION_LIMIT, formatFieldValue, toJsonValue} from './values.js'
