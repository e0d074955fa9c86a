import type {ExternalAccessPolicyRecord, StoreDocument, XmppGatewaySettingsRecord} from './types.js'

/** STORE_SCHEMA_VERSION is the schemaVersion this code reads and writes. */
export const STORE_SCHEMA_VERSION = 1

/** defaultGlobalPolicy returns Lync 2013's fresh global external access policy: everything off. */
export function defaultGlobalPolicy(): ExternalAccessPolicyRecord {
  return {
    Identity: 'Global',
    Description: null,
    EnableFederationAccess: false,
    EnableXmppAccess: false,
    EnablePublicCloudAccess: false,
    EnablePublicCloudAudioVideoAccess: false,
    EnableOutsideAccess: false,
  }
}

/** defaultGatewaySettings returns Lync 2013's documented XmppGatewaySettings defaults (cmdlets.md A3.3). */
export function defaultGatewaySettings(): XmppGatewaySettingsRecord {
  return {
    ConnectionLimit: 1000,
    PartnerConnectionLimit: 20,
    KeepAliveInterval: 300,
    StreamEstablishmentTimeout: 60,
    StreamInactivityTimeout: 600,
    SubscriptionRefreshInterval: 28800,
    DialbackPassphrase: null,
    EnableLoggingAllMessageBodies: false,
  }
}

/** freshStore returns the store of a fresh deployment: the Global policy, no partners, gateway defaults. */
export function freshStore(): StoreDocument {
  return {
    schemaVersion: STORE_SCHEMA_VERSION,
    revision: 0,
    externalAccessPolicies: {global: defaultGlobalPolicy()},
    xmppAllowedPartners: {},
    xmppGatewayConfiguration: defaultGatewaySettings(),
    sipDomains: {},
    users: {},
  }
}
