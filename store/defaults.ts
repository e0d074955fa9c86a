import type {AccessEdgeSettingsRecord, ExternalAccessPolicyRecord, StoreDocument, XmppGatewaySettingsRecord} from './types.js'

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

/**
 * defaultAccessEdgeSettings returns the Access Edge configuration of cmdlets.md A11.1 with the given
 * AllowFederatedUsers: False in a fresh store (Lync 2013's default), True for a store written before
 * the section existed (the migration rule of A11.3).
 */
export function defaultAccessEdgeSettings(allowFederatedUsers: boolean): AccessEdgeSettingsRecord {
  return {
    AllowAnonymousUsers: false,
    AllowFederatedUsers: allowFederatedUsers,
    AllowOutsideUsers: true,
    BeClearingHouse: false,
    EnablePartnerDiscovery: false,
    EnableArchivingDisclaimer: false,
    EnableUserReplicator: false,
    KeepCrlsUpToDateForPeers: true,
    MarkSourceVerifiableOnOutgoingMessages: true,
    OutgoingTlsCountForFederatedPartners: 4,
    DiscoveredPartnerStandardRate: 20,
    EnableDiscoveredPartnerContactsLimit: true,
    MaxContactsPerDiscoveredPartner: 1000,
    DiscoveredPartnerReportPeriodMinutes: 60,
    MaxAcceptedCertificatesStored: 1000,
    MaxRejectedCertificatesStored: 500,
    CertificatesDeletedPercentage: 20,
    DiscoveredPartnerVerificationLevel: 'UseSourceVerification',
    DnsSrvCacheRecordCount: null,
    RoutingMethod: 'UseDnsSrvRouting',
    DefaultRouteFqdn: null,
    IsPublicProvider: false,
    VerificationLevel: 'UseSourceVerification',
  }
}

/**
 * accessEdgeSettings is the Access Edge configuration a document means: its section, or for a store
 * written before the section existed the defaults with AllowFederatedUsers True (A11.3), because
 * those deployments federated and must keep federating after an upgrade.
 */
export function accessEdgeSettings(document: {readonly accessEdgeConfiguration?: AccessEdgeSettingsRecord}): AccessEdgeSettingsRecord {
  return document.accessEdgeConfiguration ?? defaultAccessEdgeSettings(true)
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
    accessEdgeConfiguration: defaultAccessEdgeSettings(false),
  }
}
