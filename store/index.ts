/**
 * The public API of the csxmpp store: its data model, defaults, the negotiation matrix, the schema
 * and validation, the ConfigStore, its errors, secrets and the default location. Code outside
 * `store/` imports from here only.
 */
export type * from './types.js'
export {STORE_SCHEMA_VERSION, accessEdgeSettings, defaultAccessEdgeSettings, defaultGatewaySettings, defaultGlobalPolicy, freshStore} from './defaults.js'
export {negotiationRow, type AuthenticationMethods, type NegotiationRow, type NegotiationStatus} from './matrix.js'
export {storeSchema} from './schema.js'
export {formatJsonPath, type PathSegment, type StoreProblem} from './problem.js'
export {parseStoreText, validateStoreDocument, type ParsedStore} from './validate.js'
export {StateLockedError, StoreInvalidError, StoreLockedError, StoreUnsafeError} from './errors.js'
export {ConfigStore, type ConfigStoreOptions, type StoreTransaction} from './store.js'
export {STALE_MS, lockOwnerPath, type HeldLock} from './lock.js'
export {readSecret, removeSecret, writeSecret} from './secrets.js'
export {writePrivateFile} from './private-file.js'
export {makePrivateDirectory} from './private-directory.js'
export {defaultStorePath} from './location.js'
export {describeChanges, takeSnapshot, type DeepReadonly, type SnapshotChanges, type StoreSnapshot} from './snapshot.js'
export {StoreWatcher, type ReloadFailedEvent, type ReloadedEvent, type StoreWatcherEvents, type WatchOptions} from './watch.js'
export {DOMAIN_PATTERN} from './patterns.js'
export {SubscriptionBits, pendingState, subscriptionState, subscriptionView, type ContactRecord, type PendingState, type SubscriptionDiagnostics, type SubscriptionState, type SubscriptionView} from './presence-subscription.js'
export {contactDeletedLine, contactKey, contactLine, decodeLine, decodeLines, dialogDeletedLine, dialogLine, type NotifierDialog, type StateLine} from './presence-state-lines.js'
export {PRESENCE_STATE_FILES, readPresenceContacts} from './presence-state-reader.js'
