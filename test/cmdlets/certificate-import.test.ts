import assert from 'node:assert/strict'
import {X509Certificate, createPrivateKey, generateKeyPairSync} from 'node:crypto'
import {existsSync, readFileSync, readdirSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {test} from 'node:test'
import forge from 'node-forge'
import {type TempStore, run, runAll, tmpStore} from '../helpers/csxmpp.js'

/**
 * Import-CsCertificate (cmdlets.md A9.3): certificates issued by a test CA made here with forge, for
 * keys csxmpp made (Request-CsCertificate -Output), keys given in the file, with -PrivateKeyPath or in
 * a PKCS#12 file; expired ones and ones for other names are imported too (the gateway judges
 * validity). Every failure leaves the store and the key directory as they were.
 */

process.env.TZ = 'UTC' // NotBefore/NotAfter print in local time (powershell.md §4.1)

const IMPORT = ['Import-CsCertificate', '-Type', 'XmppServer', '-Path']

interface Issued {
  readonly certificate: string
  readonly key: string
}

/** rsaKeys makes a 2048-bit key pair with Node, as PEM (forge's own generator is slow, stack.md 4.1). */
function rsaKeys(): Issued & {publicKey: string} {
  const pair = generateKeyPairSync('rsa', {modulusLength: 2048, privateKeyEncoding: {type: 'pkcs8', format: 'pem'}, publicKeyEncoding: {type: 'spki', format: 'pem'}})
  return {certificate: '', key: pair.privateKey, publicKey: pair.publicKey}
}

interface IssueOptions {
  readonly domains: readonly string[]
  readonly publicKey: forge.pki.PublicKey
  readonly notBefore?: Date
  readonly notAfter?: Date
  readonly serial?: string
  /** SAN entries besides the DNS names, in forge's form ({type: 7, ip} for an IP address, …). */
  readonly otherNames?: readonly object[]
}

/** TestCa is a certification authority for the tests: a self-signed CA certificate and its key. */
class TestCa {
  readonly #keys = rsaKeys()
  readonly certificate: string

  constructor() {
    this.certificate = this.#sign({domains: [], publicKey: forge.pki.publicKeyFromPem(this.#keys.publicKey), serial: '01'}, true)
  }

  /** issue makes a server certificate for domains, for a new key or the key of a CSR. */
  issue(options: Omit<IssueOptions, 'publicKey'> & {csr?: string}): Issued {
    if (options.csr) {
      const request = forge.pki.certificationRequestFromPem(options.csr)
      return {certificate: this.#sign({...options, publicKey: request.publicKey!}), key: ''}
    }
    const keys = rsaKeys()
    return {certificate: this.#sign({...options, publicKey: forge.pki.publicKeyFromPem(keys.publicKey)}), key: keys.key}
  }

  #sign(options: IssueOptions, ca = false): string {
    const certificate = forge.pki.createCertificate()
    certificate.publicKey = options.publicKey
    certificate.serialNumber = options.serial ?? '5e1f'
    certificate.validity.notBefore = options.notBefore ?? new Date(Date.now() - 3600_000)
    certificate.validity.notAfter = options.notAfter ?? new Date(Date.now() + 90 * 86400_000)
    certificate.setSubject(ca ? [{name: 'organizationName', value: 'csxmpp tests'}, {name: 'commonName', value: 'Test CA'}] : [{name: 'commonName', value: options.domains[0]!}])
    certificate.setIssuer([{name: 'organizationName', value: 'csxmpp tests'}, {name: 'commonName', value: 'Test CA'}])
    certificate.setExtensions(
      ca
        ? [{name: 'basicConstraints', cA: true}, {name: 'keyUsage', keyCertSign: true, cRLSign: true}]
        : [{name: 'basicConstraints', cA: false}, {name: 'extKeyUsage', serverAuth: true, clientAuth: true}, {name: 'subjectAltName', altNames: [...options.domains.map((value) => ({type: 2, value})), ...(options.otherNames ?? [])]}],
    )
    certificate.sign(forge.pki.privateKeyFromPem(this.#keys.key), forge.md.sha256.create())
    return forge.pki.certificateToPem(certificate)
  }
}

/** pkcs12 packs a key and certificates (in the order given) into a PFX. */
function pkcs12(key: string, certificates: readonly string[], password: string, friendlyName?: string): Buffer {
  const asn1 = forge.pkcs12.toPkcs12Asn1(
    forge.pki.privateKeyFromPem(key),
    certificates.map((pem) => forge.pki.certificateFromPem(pem)),
    password,
    {algorithm: '3des', ...(friendlyName ? {friendlyName} : {})},
  )
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary')
}

function keyFiles(store: TempStore): string[] {
  const keys = path.join(store.dir, 'keys')
  return existsSync(keys) ? (readdirSync(keys) as string[]).sort() : []
}

function certificatesOf(store: TempStore): Record<string, any> {
  return store.bytes() === undefined ? {} : (store.json().certificates ?? {})
}

function thumbprintOf(pem: string): string {
  return new X509Certificate(pem).fingerprint.replace(/:/g, '')
}

async function withDomains(...domains: string[]): Promise<TempStore> {
  const store = tmpStore()
  assert.deepEqual((await runAll(store, domains.map((d) => ['New-CsSipDomain', d]))).codes, domains.map(() => 0))
  return store
}

function file(store: TempStore, name: string, content: string | Buffer): string {
  const target = path.join(store.dir, name)
  writeFileSync(target, content)
  return target
}

const ca = new TestCa()

test('round trip: Request -Output, a CA signs the CSR, Import finds the pending key, Set assigns it, Get shows it', async () => {
  const store = await withDomains('contoso.com')
  try {
    const csr = path.join(store.dir, 'xmpp.csr')
    assert.equal((await run(store, ['Request-CsCertificate', '-New', '-Type', 'XmppServer', '-DomainName', 'contoso.com,*.contoso.com', '-Output', csr])).code, 0)
    const [pendingKey] = keyFiles(store)
    const issued = ca.issue({domains: ['contoso.com', '*.contoso.com'], csr: readFileSync(csr, 'utf8')})
    const chain = file(store, 'chain.pem', issued.certificate + ca.certificate)

    const imported = await run(store, [...IMPORT, chain])
    assert.equal(imported.code, 0, imported.stderr)
    const thumbprint = thumbprintOf(issued.certificate)
    const record = certificatesOf(store)[thumbprint]
    assert.equal(record.keyFile, pendingKey, 'the pending key became the certificate key')
    assert.deepEqual(keyFiles(store), [record.chainFile, pendingKey].sort())
    assert.equal(statSync(path.join(store.dir, 'keys', record.chainFile)).mode & 0o777, 0o600)
    const stored = readFileSync(path.join(store.dir, 'keys', record.chainFile), 'utf8')
    assert.deepEqual(stored.match(/-----BEGIN CERTIFICATE-----/g)!.length, 2)
    assert.equal(thumbprintOf(stored), thumbprint, 'leaf first')
    assert.deepEqual([record.Issuer, record.Subject, record.AlternativeNames, record.Use], ['CN=Test CA, O=csxmpp tests', 'CN=contoso.com', ['contoso.com', '*.contoso.com'], null])
    assert.match(imported.stdout, new RegExp(`\\nThumbprint       : ${thumbprint}\\nUse              :\\n`))

    assert.deepEqual(await run(store, ['Set-CsCertificate', '-Type', 'XmppServer', '-Thumbprint', thumbprint]), {stdout: '', stderr: '', code: 0})
    const shown = await run(store, ['Get-CsCertificate', '-Type', 'XmppServer'])
    assert.match(shown.stdout, /^\nIssuer           : CN=Test CA, O=csxmpp tests\n/)
    assert.match(shown.stdout, new RegExp(`\\nThumbprint       : ${thumbprint}\\nUse              : XmppServer\\n\\n$`))

    // A renewal for the same key shares the key file; deleting the old certificate keeps it.
    const renewed = ca.issue({domains: ['contoso.com', '*.contoso.com'], csr: readFileSync(csr, 'utf8'), serial: '5e20'})
    assert.equal((await run(store, [...IMPORT, file(store, 'renewed.pem', renewed.certificate)])).code, 0)
    assert.equal(certificatesOf(store)[thumbprintOf(renewed.certificate)].keyFile, pendingKey)
    await run(store, ['Set-CsCertificate', '-Type', 'XmppServer', '-Thumbprint', thumbprintOf(renewed.certificate)])
    assert.equal((await run(store, ['Remove-CsCertificate', '-Thumbprint', thumbprint])).code, 0)
    assert.ok(keyFiles(store).includes(pendingKey))
  } finally {
    store.cleanup()
  }
})

test('an expired certificate for names outside the SIP domains imports; Set warns; the default view prints it', async () => {
  const store = await withDomains('contoso.com')
  try {
    const notBefore = new Date('2020-01-02T03:04:05Z')
    const issued = ca.issue({domains: ['jabber.fabrikam.com'], notBefore, notAfter: new Date('2021-01-02T15:04:05Z'), serial: '00c0ffee'})
    const result = await run(store, [...IMPORT, file(store, 'expired.pem', issued.certificate + issued.key)])
    const thumbprint = thumbprintOf(issued.certificate)
    assert.deepEqual(result, {
      stdout: [
        '',
        'Issuer           : CN=Test CA, O=csxmpp tests',
        'NotAfter         : 1/2/2021 3:04:05 PM',
        'NotBefore        : 1/2/2020 3:04:05 AM',
        'SerialNumber     : C0FFEE',
        'Subject          : CN=jabber.fabrikam.com',
        'AlternativeNames : {jabber.fabrikam.com}',
        `Thumbprint       : ${thumbprint}`,
        'Use              :',
        '',
        '',
      ].join('\n'),
      stderr: '',
      code: 0,
    })
    const set = await run(store, ['Set-CsCertificate', '-Type', 'XmppServer', '-Thumbprint', thumbprint])
    assert.deepEqual(set, {
      stdout: '',
      stderr: `WARNING: The certificate "${thumbprint}" does not cover SIP domain "contoso.com": partners will refuse it for that domain.\n`,
      code: 0,
    })
    assert.equal(certificatesOf(store)[thumbprint].Use, 'XmppServer')
    assert.equal(certificatesOf(store)[thumbprint].NotAfter, '2021-01-02T15:04:05.000Z')
  } finally {
    store.cleanup()
  }
})

test('AlternativeNames are the DNS names of the SAN, in order; IP addresses, e-mail addresses and URIs are left out', async () => {
  const store = await withDomains('contoso.com')
  try {
    const otherNames = [{type: 7, ip: '192.0.2.7'}, {type: 1, value: 'admin@contoso.com'}, {type: 6, value: 'xmpp:contoso.com'}]
    const issued = ca.issue({domains: ['contoso.com', 'conference.contoso.com'], otherNames})
    assert.equal((await run(store, [...IMPORT, file(store, 'c.pem', issued.certificate + issued.key)])).code, 0)
    assert.match(new X509Certificate(issued.certificate).subjectAltName!, /IP Address:192\.0\.2\.7/)
    assert.deepEqual(certificatesOf(store)[thumbprintOf(issued.certificate)].AlternativeNames, ['contoso.com', 'conference.contoso.com'])
  } finally {
    store.cleanup()
  }
})

test('the key may come with -PrivateKeyPath (plain or encrypted with -Password) for a PEM or DER certificate', async () => {
  const store = await withDomains('contoso.com')
  try {
    const plain = ca.issue({domains: ['contoso.com']})
    assert.equal((await run(store, [...IMPORT, file(store, 'a.pem', plain.certificate), '-PrivateKeyPath', file(store, 'a.key', plain.key)])).code, 0)
    const encrypted = ca.issue({domains: ['contoso.com'], serial: '02'})
    const encryptedKey = createPrivateKey(encrypted.key).export({type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'k3y pass'}) as string
    const der = new X509Certificate(encrypted.certificate).raw
    const result = await run(store, [...IMPORT, file(store, 'b.cer', der), '-PrivateKeyPath', file(store, 'b.key', encryptedKey), '-Password', 'k3y pass'])
    assert.equal(result.code, 0, result.stderr)
    for (const issued of [plain, encrypted]) {
      const record = certificatesOf(store)[thumbprintOf(issued.certificate)]
      const key = readFileSync(path.join(store.dir, 'keys', record.keyFile), 'utf8')
      assert.ok(key.startsWith('-----BEGIN PRIVATE KEY-----\n'), 'stored unencrypted, protected by its 0600 mode')
      assert.ok(new X509Certificate(issued.certificate).checkPrivateKey(createPrivateKey(key)))
      assert.match(record.keyFile, /^xmpp-key-[0-9a-f]{40}-[0-9a-f]{32}\.secret$/)
    }
  } finally {
    store.cleanup()
  }
})

test('a PKCS#12 file with -Password: key, chain put leaf first, and its friendly name', async () => {
  const store = await withDomains('contoso.com')
  try {
    const issued = ca.issue({domains: ['contoso.com']})
    const pfx = file(store, 'xmpp.pfx', pkcs12(issued.key, [ca.certificate, issued.certificate], 'P@ssw0rd', 'XMPP gateway'))
    const result = await run(store, [...IMPORT, pfx, '-Password', 'P@ssw0rd'])
    assert.equal(result.code, 0, result.stderr)
    const thumbprint = thumbprintOf(issued.certificate)
    const record = certificatesOf(store)[thumbprint]
    assert.equal(record.FriendlyName, 'XMPP gateway')
    const chain = readFileSync(path.join(store.dir, 'keys', record.chainFile), 'utf8')
    assert.equal(thumbprintOf(chain), thumbprint)
    assert.equal(chain.match(/-----BEGIN CERTIFICATE-----/g)!.length, 2)
    assert.ok(new X509Certificate(issued.certificate).checkPrivateKey(createPrivateKey(readFileSync(path.join(store.dir, 'keys', record.keyFile)))))
  } finally {
    store.cleanup()
  }
})

/** [name, files to write (name → content), argv after -Path, code, message] */
type Failure = [string, () => Record<string, string | Buffer>, (dir: string) => string[], string]

const stranger = ca.issue({domains: ['contoso.com'], serial: '03'})
const other = ca.issue({domains: ['contoso.com'], serial: '04'})

const FAILURES: Failure[] = [
  [
    'no key anywhere',
    () => ({'c.pem': stranger.certificate}),
    (dir) => [path.join(dir, 'c.pem')],
    `No private key was found for certificate "${thumbprintOf(stranger.certificate)}". Give it with -PrivateKeyPath or inside the PEM or PKCS#12 file; the key of a request made with Request-CsCertificate -Output is found without either.`,
  ],
  [
    'a -PrivateKeyPath of another certificate',
    () => ({'c.pem': stranger.certificate, 'o.key': other.key}),
    (dir) => [path.join(dir, 'c.pem'), '-PrivateKeyPath', path.join(dir, 'o.key')],
    `The private key in "DIR/o.key" does not belong to certificate "${thumbprintOf(stranger.certificate)}".`,
  ],
  [
    'a key of another certificate in the PEM',
    () => ({'c.pem': stranger.certificate + other.key}),
    (dir) => [path.join(dir, 'c.pem')],
    `The private key in "DIR/c.pem" does not belong to certificate "${thumbprintOf(stranger.certificate)}".`,
  ],
  ['a missing file', () => ({}), (dir) => [path.join(dir, 'none.pem')], 'Cannot read a certificate from "DIR/none.pem": the file or its folder does not exist.'],
  ['a file that is no certificate', () => ({'x.pem': 'hello\n'}), (dir) => [path.join(dir, 'x.pem')], 'Cannot read a certificate from "DIR/x.pem": it is not a PEM certificate chain, a DER certificate or a PKCS#12 file.'],
  [
    'a PKCS#12 file without -Password',
    () => ({'x.pfx': pkcs12(stranger.key, [stranger.certificate], 'secret')}),
    (dir) => [path.join(dir, 'x.pfx')],
    'Cannot read a certificate from "DIR/x.pfx": it is a PKCS#12 file protected by a password: give -Password.',
  ],
  [
    'a PKCS#12 file with a wrong -Password',
    () => ({'x.pfx': pkcs12(stranger.key, [stranger.certificate], 'secret')}),
    (dir) => [path.join(dir, 'x.pfx'), '-Password', 'guess'],
    'Cannot read a certificate from "DIR/x.pfx": the PKCS#12 password is wrong.',
  ],
  [
    'an encrypted -PrivateKeyPath without -Password',
    () => ({'c.pem': stranger.certificate, 'e.key': createPrivateKey(stranger.key).export({type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'p'}) as string}),
    (dir) => [path.join(dir, 'c.pem'), '-PrivateKeyPath', path.join(dir, 'e.key')],
    'Cannot read a private key from "DIR/e.key": the key is encrypted: give its -Password.',
  ],
  [
    'an encrypted -PrivateKeyPath with a wrong -Password',
    () => ({'c.pem': stranger.certificate, 'e.key': createPrivateKey(stranger.key).export({type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'p'}) as string}),
    (dir) => [path.join(dir, 'c.pem'), '-PrivateKeyPath', path.join(dir, 'e.key'), '-Password', 'q'],
    'Cannot read a private key from "DIR/e.key": the key is encrypted and -Password is wrong.',
  ],
  [
    'a -PrivateKeyPath that holds no key',
    () => ({'c.pem': stranger.certificate, 'n.key': stranger.certificate}),
    (dir) => [path.join(dir, 'c.pem'), '-PrivateKeyPath', path.join(dir, 'n.key')],
    'Cannot read a private key from "DIR/n.key": it holds no PEM private key.',
  ],
]

for (const [name, files, argv, message] of FAILURES) {
  test(`Import-CsCertificate fails cleanly: ${name}`, async () => {
    const store = await withDomains('contoso.com')
    try {
      for (const [fileName, content] of Object.entries(files())) file(store, fileName, content)
      const before = store.bytes()
      const result = await run(store, [...IMPORT, ...argv(store.dir)])
      assert.equal(result.code, 1)
      assert.equal(result.stdout, '')
      assert.equal(result.stderr.split('\n')[0], `Import-CsCertificate : ${message.replaceAll('DIR', store.dir)}`)
      assert.equal(store.bytes(), before)
      assert.deepEqual(keyFiles(store), [])
    } finally {
      store.cleanup()
    }
  })
}

test('importing the same certificate twice is "already exists", and adds no file', async () => {
  const store = await withDomains('contoso.com')
  try {
    const pem = file(store, 'c.pem', stranger.certificate + stranger.key)
    assert.equal((await run(store, [...IMPORT, pem])).code, 0)
    const [before, files] = [store.bytes(), keyFiles(store)]
    const again = await run(store, [...IMPORT, pem])
    assert.equal(again.code, 1)
    assert.equal(again.stderr.split('\n')[0], `Import-CsCertificate : Cannot create "Certificate" "${thumbprintOf(stranger.certificate)}" because it already exists.`)
    assert.deepEqual([store.bytes(), keyFiles(store)], [before, files])
  } finally {
    store.cleanup()
  }
})

test('Import-CsCertificate -WhatIf names the thumbprint and stores nothing', async () => {
  const store = await withDomains('contoso.com')
  try {
    const before = store.bytes()
    const result = await run(store, [...IMPORT, file(store, 'c.pem', stranger.certificate + stranger.key), '-WhatIf'])
    assert.deepEqual(result, {stdout: `What if: Performing the operation "Import-CsCertificate" on target "${thumbprintOf(stranger.certificate)}".\n`, stderr: '', code: 0})
    assert.deepEqual([store.bytes(), keyFiles(store)], [before, []])
  } finally {
    store.cleanup()
  }
})
