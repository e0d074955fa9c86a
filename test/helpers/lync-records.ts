import type {XmppAllowedPartnerRecord} from '../../store/index.js'

/** Store records the format tests share. */

/** GMAIL is the partner of powershell.md §12.7, the Lync 2013 Google Talk walk-through. */
export const GMAIL: XmppAllowedPartnerRecord = {
  Identity: 'gmail.com',
  TlsNegotiation: 'NotSupported',
  SaslNegotiation: 'NotSupported',
  SupportDialbackNegotiation: true,
  AdditionalDomains: ['googlemail.com'],
  ProxyFqdn: null,
  Description: 'Google Talk',
  PartnerType: 'PublicUnverified',
  ConnectionLimit: 20,
  EnableKeepAlive: false,
}
