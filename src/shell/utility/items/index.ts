import {addContent} from './add-content.js'
import {copyItem, moveItem} from './copy-move.js'
import {getChildItem} from './get-child-item.js'
import {getItem, resolvePath} from './get-item.js'
import {newItem} from './new-item.js'
import {joinPath, splitPath} from './path-text.js'
import {removeItem} from './remove-item.js'

/** The file-system cmdlets of powershell.md §9 (2026-12 amendment). */
export const ITEM_COMMANDS = [newItem, getItem, getChildItem, removeItem, copyItem, moveItem, addContent, joinPath, splitPath, resolvePath]
