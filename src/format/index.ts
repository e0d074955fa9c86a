export {formatOutput} from './out-default.js'
export {formatErrorRecord, formatStreamMessage, jsonErrorLine} from './error-view.js'
export {formatFieldValue, toJsonValue} from './values.js'
