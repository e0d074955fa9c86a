import type {CertificateRecord, StoreDocument} from '../../../store/index.js'
import type {ParameterDefinition, ParameterSetMembership} from '../../binding/parameter.js'
import {PSEnumValue, PSList, PSObject} from '../../values/objects.js'
import {CERT_TYPE, TYPE_NAMES} from '../lync-types.js'
import {type CertificateFacts, covers} from './x509.js'

/** The CertificateReference object, the certificates' shared parameters and lookups (cmdlets.md A9.3). */

/** certificateObject builds the object Get-, Request- and Import-CsCertificate write, properties in Lync's order. */
export function certificateObject(record: CertificateRecord): PSObject {
  return new PSObject(TYPE_NAMES.Certificate)
    .addProperty('Issuer', record.Issuer, {readOnly: true})
    .addProperty('NotAfter', new Date(record.NotAfter), {readOnly: true})
    .addProperty('NotBefore', new Date(record.NotBefore), {readOnly: true})
    .addProperty('SerialNumber', record.SerialNumber, {readOnly: true})
    .addProperty('Subject', record.Subject, {readOnly: true})
    .addProperty('AlternativeNames', PSList.listOf(record.AlternativeNames), {readOnly: true})
    .addProperty('Thumbprint', record.Thumbprint, {readOnly: true})
    .addProperty('Use', record.Use === null ? null : new PSEnumValue(CERT_TYPE, record.Use), {readOnly: true})
}

/** certificateRecord is the store record of a certificate read from its file, not assigned. */
export function certificateRecord(facts: CertificateFacts, files: {chainFile: string; keyFile: string}, friendlyName: string | null): CertificateRecord {
  return {
    Thumbprint: facts.thumbprint,
    FriendlyName: friendlyName,
    Subject: facts.subject,
    Issuer: facts.issuer,
    SerialNumber: facts.serialNumber,
    NotBefore: facts.notBefore,
    NotAfter: facts.notAfter,
    AlternativeNames: facts.alternativeNames,
    Use: null,
    ...files,
  }
}

/** typeParameter is -Type: the certificate's role; XmppServer is the only one csxmpp has. */
export function typeParameter(sets: Readonly<Record<string, ParameterSetMembership>>, description: string): ParameterDefinition {
  return {name: 'Type', type: {kind: 'Enum', enum: CERT_TYPE}, sets, description}
}

/** thumbprintParameter is -Thumbprint; objects of the certificate cmdlets bind it by property name. */
export function thumbprintParameter(sets: Readonly<Record<string, ParameterSetMembership>>, description: string): ParameterDefinition {
  return {name: 'Thumbprint', type: {kind: 'String'}, sets, description}
}

/**
 * certificateKey turns a typed thumbprint into a store key. Copies from Windows' certificate dialog
 * carry spaces, colons and sometimes an invisible left-to-right mark; all are dropped.
 */
export function certificateKey(typed: string): string {
  return typed.replace(/[\s:\u200e]/g, '').toUpperCase()
}

/** certificates returns the store's certificates; a store without the section has none (A10). */
export function certificates(document: StoreDocument): Record<string, CertificateRecord> {
  return document.certificates ?? {}
}

/** assignedCertificate returns the certificate with Use XmppServer, if any. */
export function assignedCertificate(document: StoreDocument): CertificateRecord | undefined {
  return Object.values(certificates(document)).find((record) => record.Use === 'XmppServer')
}

/** uncoveredSipDomains lists the SIP domains, sorted, that none of a certificate's DNS names covers. */
export function uncoveredSipDomains(document: StoreDocument, record: CertificateRecord): string[] {
  return Object.keys(document.sipDomains)
    .sort()
    .filter((domain) => !covers(record.AlternativeNames, domain))
}
