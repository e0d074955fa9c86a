import assert from 'node:assert/strict'
import {test} from 'node:test'
import {type CertificateRecord, type StoreDocument, describeChanges, freshStore, parseStoreText, takeSnapshot, validateStoreDocument} from '../../store/index.js'

/**
 * The optional `certificates` section (cmdlets.md A9.3): absent in stores of an earlier csxmpp and
 * then read as empty; when present, closed records keyed by thumbprint naming key-directory files,
 * at most one of them the gateway's (Use XmppServer).
 */

const A = 'D543D5D2A1F4A0F35D1D31B0C6F2DC24E8D2C5FA'
const B = '0123456789ABCDEF0123456789ABCDEF01234567'

function certificate(thumbprint: string, overrides: Partial<CertificateRecord> = {}): CertificateRecord {
  return {
    Thumbprint: thumbprint,
    FriendlyName: null,
    Subject: 'CN=contoso.com',
    Issuer: 'CN=Contoso CA, O=Contoso',
    SerialNumber: '61C1A6B1000000000006',
    NotBefore: '2026-01-02T03:04:05.000Z',
    NotAfter: '2027-01-02T03:04:05.000Z',
    AlternativeNames: ['contoso.com', '*.contoso.com'],
    Use: null,
    chainFile: 'xmpp-chain-00112233445566778899aabbccddeeff.secret',
    keyFile: `xmpp-key-${'ab'.repeat(20)}-00112233445566778899aabbccddeeff.secret`,
    ...overrides,
  }
}

function withCertificates(...records: CertificateRecord[]): StoreDocument {
  return {...freshStore(), certificates: Object.fromEntries(records.map((r) => [r.Thumbprint, r]))}
}

test('a store without the section, with an empty one, and with certificates is valid', () => {
  const old = freshStore()
  assert.equal('certificates' in old, false)
  assert.equal(validateStoreDocument(old), null)
  assert.equal(validateStoreDocument(withCertificates()), null)
  assert.equal(validateStoreDocument(withCertificates(certificate(A, {Use: 'XmppServer', FriendlyName: 'XMPP'}), certificate(B))), null)
  const parsed = parseStoreText(JSON.stringify(withCertificates(certificate(A))))
  assert.equal(parsed.problem, null)
})

const INVALID: Array<[name: string, document: () => unknown, jsonPath: string, problem: string]> = [
  ['a null section', () => ({...freshStore(), certificates: null}), '$.certificates', 'must be an object'],
  ['a lower-case thumbprint key', () => ({...freshStore(), certificates: {[A.toLowerCase()]: certificate(A.toLowerCase())}}), '$.certificates', `'${A.toLowerCase()}' is not a valid key`],
  ['a short thumbprint key', () => ({...freshStore(), certificates: {ABCD: certificate('ABCD')}}), '$.certificates', "'ABCD' is not a valid key"],
  ['a Thumbprint other than its key', () => ({...freshStore(), certificates: {[A]: certificate(B)}}), `$.certificates.${A}.Thumbprint`, `Thumbprint '${B}' does not match its key '${A}'`],
  ['two assigned certificates', () => withCertificates(certificate(A, {Use: 'XmppServer'}), certificate(B, {Use: 'XmppServer'})), `$.certificates['${B}'].Use`, `certificates '${A}' and '${B}' both have Use 'XmppServer'`],
  ['another Use', () => withCertificates(certificate(A, {Use: 'WebServer' as never})), `$.certificates.${A}.Use`, '"WebServer" is not a valid value'],
  ['a key file outside the key directory', () => withCertificates(certificate(A, {keyFile: '../store.json'})), `$.certificates.${A}.keyFile`, '"../store.json" is not a valid file name'],
  ['a chain file in a folder', () => withCertificates(certificate(A, {chainFile: 'certs/chain.pem'})), `$.certificates.${A}.chainFile`, '"certs/chain.pem" is not a valid file name'],
  ['a date that is not ISO 8601 UTC', () => withCertificates(certificate(A, {NotAfter: 'Jan  2 03:04:05 2027 GMT'})), `$.certificates.${A}.NotAfter`, '"Jan  2 03:04:05 2027 GMT" is not a valid value'],
  ['key material in the store', () => withCertificates({...certificate(A), privateKey: '-----BEGIN PRIVATE KEY-----'} as never), `$.certificates.${A}`, "unknown setting 'privateKey'"],
  ['a missing setting', () => ({...freshStore(), certificates: {[A]: {...certificate(A), keyFile: undefined}}}), `$.certificates.${A}`, "missing setting 'keyFile'"],
  ['AlternativeNames not a list', () => withCertificates(certificate(A, {AlternativeNames: 'contoso.com' as never})), `$.certificates.${A}.AlternativeNames`, 'must be a list'],
]

for (const [name, document, jsonPath, problem] of INVALID) {
  test(`certificates: ${name} is refused`, () => {
    assert.deepEqual(validateStoreDocument(JSON.parse(JSON.stringify(document()))), {jsonPath, problem})
  })
}

test('describeChanges names certificates/<thumbprint>; a missing section is an empty one', () => {
  const before = takeSnapshot(freshStore())
  const added = takeSnapshot({...withCertificates(certificate(A)), revision: 1})
  assert.deepEqual(describeChanges(before, added), {added: [`certificates/${A}`], removed: [], changed: []})
  const assigned = takeSnapshot({...withCertificates(certificate(A, {Use: 'XmppServer'})), revision: 2})
  assert.deepEqual(describeChanges(added, assigned), {added: [], removed: [], changed: [`certificates/${A}`]})
  assert.deepEqual(describeChanges(assigned, before), {added: [], removed: [`certificates/${A}`], changed: []})
})
