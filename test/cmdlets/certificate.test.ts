import assert from 'node:assert/strict'
import {X509Certificate, createPrivateKey, createPublicKey} from 'node:crypto'
import {existsSync, readFileSync, readdirSync, statSync} from 'node:fs'
import path from 'node:path'
import {test} from 'node:test'
import forge from 'node-forge'
import {findCmdlet} from '../../src/cmdlets/index.js'
import {dateTimeShort} from '../../src/values/date-format.js'
import {type TempStore, run, runAll, tmpStore} from '../helpers/csxmpp.js'
import {runScriptText} from '../helpers/shell.js'

/**
 * Request-, Set-, Get- and Remove-CsCertificate (cmdlets.md A9.3): keys made by Node, self-signed
 * certificates and CSRs made by forge and read back here with Node and forge, files 0600 in a 0700
 * key directory, exact error texts, and after every failure the store and the key directory as they were.
 */

process.env.TZ = 'UTC' // NotBefore/NotAfter print in local time (powershell.md §4.1)

const SELF_SIGNED = ['Request-CsCertificate', '-New', '-Type', 'XmppServer', '-SelfSigned']

/** keyFiles lists the key directory's files (recursively) with their modes, e.g. `xmpp-chain-….secret 600`. */
function keyFiles(store: TempStore): string[] {
  const keys = path.join(store.dir, 'keys')
  if (!existsSync(keys)) return []
  return (readdirSync(keys, {recursive: true}) as string[]).sort().map((name) => `${name} ${(statSync(path.join(keys, name)).mode & 0o777).toString(8)}`)
}

/** withDomains makes a store with SIP domains, the first the default. */
async function withDomains(...domains: string[]): Promise<TempStore> {
  const store = tmpStore()
  const result = await runAll(store, domains.map((d) => ['New-CsSipDomain', d]))
  assert.deepEqual(result.codes, domains.map(() => 0))
  return store
}

/** certificatesOf returns the store's certificates section. */
function certificatesOf(store: TempStore): Record<string, any> {
  return store.bytes() === undefined ? {} : (store.json().certificates ?? {})
}

async function selfSigned(store: TempStore, ...extra: string[]): Promise<string> {
  const before = new Set(Object.keys(certificatesOf(store)))
  const result = await run(store, [...SELF_SIGNED, ...extra])
  assert.equal(result.code, 0, result.stderr)
  const added = Object.keys(certificatesOf(store)).filter((t) => !before.has(t))
  assert.equal(added.length, 1)
  return added[0]!
}

test('Request-CsCertificate -SelfSigned: a 0600 key and chain, a one-year server+client certificate for every SIP domain, the object written', async () => {
  const store = await withDomains('contoso.com', 'fabrikam.com', 'bücher.example')
  try {
    const result = await run(store, [...SELF_SIGNED, '-FriendlyName', 'XMPP 2026'])
    assert.equal(result.code, 0, result.stderr)
    const [thumbprint, record] = Object.entries(certificatesOf(store))[0]!
    const keys = path.join(store.dir, 'keys')
    assert.deepEqual(keyFiles(store), [`${record.chainFile} 600`, `${record.keyFile} 600`].sort())
    assert.equal(statSync(keys).mode & 0o777, 0o700)
    assert.match(record.keyFile, /^xmpp-key-[0-9a-f]{40}-[0-9a-f]{32}\.secret$/)
    assert.match(record.chainFile, /^xmpp-chain-[0-9a-f]{32}\.secret$/)
    assert.ok(!store.bytes()!.includes('PRIVATE KEY'), 'key material in the store')

    const certificate = new X509Certificate(readFileSync(path.join(keys, record.chainFile)))
    assert.ok(certificate.checkPrivateKey(createPrivateKey(readFileSync(path.join(keys, record.keyFile)))))
    assert.ok(readFileSync(path.join(keys, record.keyFile), 'utf8').startsWith('-----BEGIN PRIVATE KEY-----\n'))
    assert.equal(certificate.fingerprint.replace(/:/g, ''), thumbprint)
    // The default domain first (it is also the CN), then the others by name. IDNs go into the SAN as A-labels.
    assert.equal(certificate.subjectAltName, 'DNS:contoso.com, DNS:xn--bcher-kva.example, DNS:fabrikam.com')
    assert.equal(certificate.subject, 'CN=contoso.com')
    assert.equal(certificate.ca, false)
    assert.deepEqual(certificate.keyUsage, ['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2'])
    assert.ok(certificate.verify(certificate.publicKey))
    const notBefore = new Date(certificate.validFrom)
    assert.ok(Math.abs(notBefore.getTime() - Date.now()) < 60_000)
    const aYearLater = new Date(notBefore)
    aYearLater.setUTCFullYear(aYearLater.getUTCFullYear() + 1)
    assert.equal(new Date(certificate.validTo).getTime(), aYearLater.getTime())
    const parsed = forge.pki.certificateFromPem(certificate.toString())
    const keyUsage = parsed.getExtension('keyUsage') as {critical: boolean; digitalSignature: boolean; keyEncipherment: boolean; keyCertSign: boolean}
    assert.deepEqual([keyUsage.critical, keyUsage.digitalSignature, keyUsage.keyEncipherment, keyUsage.keyCertSign], [true, true, true, false])
    assert.equal(createPrivateKey(readFileSync(path.join(keys, record.keyFile))).asymmetricKeyDetails?.modulusLength, 2048)

    assert.deepEqual(record, {
      Thumbprint: thumbprint,
      FriendlyName: 'XMPP 2026',
      Subject: 'CN=contoso.com',
      Issuer: 'CN=contoso.com',
      SerialNumber: certificate.serialNumber,
      NotBefore: notBefore.toISOString(),
      NotAfter: aYearLater.toISOString(),
      AlternativeNames: ['contoso.com', 'xn--bcher-kva.example', 'fabrikam.com'],
      Use: null,
      chainFile: record.chainFile,
      keyFile: record.keyFile,
    })
    assert.equal(
      result.stdout,
      [
        '',
        'Issuer           : CN=contoso.com',
        `NotAfter         : ${dateTimeShort(aYearLater)}`,
        `NotBefore        : ${dateTimeShort(notBefore)}`,
        `SerialNumber     : ${certificate.serialNumber}`,
        'Subject          : CN=contoso.com',
        'AlternativeNames : {contoso.com, xn--bcher-kva.example, fabrikam.com}',
        `Thumbprint       : ${thumbprint}`,
        'Use              :',
        '',
        '',
      ].join('\n'),
    )
  } finally {
    store.cleanup()
  }
})

const DOMAIN_NAMES: Array<[typed: string[], sans: string]> = [
  [['contoso.com,*.contoso.com'], 'DNS:contoso.com, DNS:*.contoso.com'],
  [['Contoso.COM,xmpp.contoso.com.'], 'DNS:contoso.com, DNS:xmpp.contoso.com'],
  [['a.example, b.example,a.example'], 'DNS:a.example, DNS:b.example'],
  [['Bücher.example.'], 'DNS:xn--bcher-kva.example'],
]

for (const [typed, sans] of DOMAIN_NAMES) {
  test(`Request-CsCertificate -DomainName ${typed.join(' ')}: SANs ${sans}, with or without SIP domains`, async () => {
    const store = tmpStore()
    try {
      const thumbprint = await selfSigned(store, '-DomainName', ...typed)
      const record = certificatesOf(store)[thumbprint]
      const certificate = new X509Certificate(readFileSync(path.join(store.dir, 'keys', record.chainFile)))
      assert.equal(certificate.subjectAltName, sans)
      assert.equal(certificate.subject, `CN=${record.AlternativeNames[0]}`)
    } finally {
      store.cleanup()
    }
  })
}

test('Request-CsCertificate -KeySize 3072 makes a 3072-bit key', async () => {
  const store = await withDomains('contoso.com')
  try {
    const thumbprint = await selfSigned(store, '-KeySize', '3072')
    const record = certificatesOf(store)[thumbprint]
    const key = createPrivateKey(readFileSync(path.join(store.dir, 'keys', record.keyFile)))
    assert.equal(key.asymmetricKeyDetails?.modulusLength, 3072)
  } finally {
    store.cleanup()
  }
})

test('Request-CsCertificate -Output writes a PKCS#10 request with the SANs and keeps only a pending 0600 key; the store is not written', async () => {
  const store = await withDomains('contoso.com')
  try {
    const before = store.bytes()
    const csrPath = path.join(store.dir, 'xmpp.csr')
    const result = await run(store, ['Request-CsCertificate', '-New', '-Type', 'XmppServer', '-DomainName', 'contoso.com,*.contoso.com', '-Output', csrPath])
    assert.deepEqual(result, {stdout: '', stderr: '', code: 0})
    assert.equal(store.bytes(), before)
    const request = forge.pki.certificationRequestFromPem(readFileSync(csrPath, 'utf8'))
    assert.ok(request.verify())
    assert.equal(request.subject.getField('CN').value, 'contoso.com')
    const extensions = (request.getAttribute({name: 'extensionRequest'}) as unknown as {extensions: Array<{name: string; altNames?: Array<{value: string}>}>}).extensions
    assert.deepEqual(extensions.find((e) => e.name === 'subjectAltName')!.altNames!.map((n) => n.value), ['contoso.com', '*.contoso.com'])
    const [pending] = keyFiles(store)
    assert.match(pending!, /^xmpp-key-[0-9a-f]{40}-[0-9a-f]{32}\.secret 600$/)
    assert.equal(keyFiles(store).length, 1)
    // The pending key is the request's key.
    const key = createPrivateKey(readFileSync(path.join(store.dir, 'keys', pending!.split(' ')[0]!)))
    const requestKey = forge.pki.publicKeyToPem(request.publicKey as forge.pki.rsa.PublicKey)
    assert.equal(requestKey.replace(/\r/g, ''), createPublicKey(key).export({type: 'spki', format: 'pem'}))
  } finally {
    store.cleanup()
  }
})

/** A failing command: exit code, first stderr line, and nothing changed in the store or the key directory. */
const REQUEST_FAILURES: Array<[name: string, domains: string[], argv: string[], code: number, message: string]> = [
  ['no SIP domain and no -DomainName', [], SELF_SIGNED, 1, 'Cannot request a certificate: there is no SIP domain to name in it. Give -DomainName, or add a SIP domain with New-CsSipDomain first.'],
  [
    'neither -Output nor -SelfSigned',
    ['contoso.com'],
    ['Request-CsCertificate', '-New', '-Type', 'XmppServer'],
    1,
    'Give -Output to write a certificate request (CSR) for a certification authority, or -SelfSigned to make a self-signed certificate.',
  ],
  [
    'both -Output and -SelfSigned',
    ['contoso.com'],
    [...SELF_SIGNED, '-Output', 'x.csr'],
    1,
    '-Output and -SelfSigned cannot be used together: a request (CSR) is for a certification authority to sign, a self-signed certificate needs none.',
  ],
  [
    '-KeySize 1024',
    ['contoso.com'],
    [...SELF_SIGNED, '-KeySize', '1024'],
    2,
    `Cannot validate argument on parameter 'KeySize'. The argument "1024" does not belong to the set "2048,3072,4096" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again.`,
  ],
  ['a bad domain name', ['contoso.com'], [...SELF_SIGNED, '-DomainName', 'contoso.com,chat_1.contoso.com'], 1, '"chat_1.contoso.com" is not a valid domain name: it contains "_".'],
  ['a wildcard not in front', ['contoso.com'], [...SELF_SIGNED, '-DomainName', 'a.*.contoso.com'], 1, '"a.*.contoso.com" is not a valid domain name: it contains "*".'],
  ['an IP address', ['contoso.com'], [...SELF_SIGNED, '-DomainName', '192.0.2.1'], 1, '"192.0.2.1" is not a valid domain name: it is an IP address.'],
  [
    'a CSR into a missing folder',
    ['contoso.com'],
    ['Request-CsCertificate', '-New', '-Type', 'XmppServer', '-Output', 'no/such/folder/x.csr'],
    1,
    'Cannot write "no/such/folder/x.csr": the file or its folder does not exist.',
  ],
  ['without -New', ['contoso.com'], ['Request-CsCertificate', '-Type', 'XmppServer', '-SelfSigned'], 2, 'Cannot process command because of one or more missing mandatory parameters: New.'],
  [
    'another -Type',
    ['contoso.com'],
    ['Request-CsCertificate', '-New', '-Type', 'WebServicesExternal', '-SelfSigned'],
    2,
    'Cannot bind parameter \'Type\'. Cannot convert value "WebServicesExternal" to type "Microsoft.Rtc.Management.Deployment.CertType". Error: "Unable to match the identifier name WebServicesExternal to a valid enumerator name. Specify one of the following enumerator names and try again: XmppServer"',
  ],
  ['-CA', ['contoso.com'], [...SELF_SIGNED, '-CA', 'ca.contoso.com\\Contoso CA'], 2, 'The parameter -CA of Request-CsCertificate is not supported by csxmpp.'],
]

for (const [name, domains, argv, code, message] of REQUEST_FAILURES) {
  test(`Request-CsCertificate fails cleanly: ${name}`, async () => {
    const store = await withDomains(...domains)
    try {
      const before = store.bytes()
      const result = await run(store, argv)
      assert.equal(result.code, code)
      assert.equal(result.stdout, '')
      assert.equal(result.stderr.split('\n')[0], `${argv[0]} : ${message}`)
      assert.equal(store.bytes(), before)
      assert.deepEqual(keyFiles(store), [])
    } finally {
      store.cleanup()
    }
  })
}

test('Request-CsCertificate -WhatIf names the domains and makes nothing', async () => {
  const store = await withDomains('contoso.com', 'fabrikam.com')
  try {
    const before = store.bytes()
    const result = await run(store, [...SELF_SIGNED, '-WhatIf'])
    assert.deepEqual(result, {stdout: 'What if: Performing the operation "Request-CsCertificate" on target "contoso.com, fabrikam.com".\n', stderr: '', code: 0})
    assert.equal(store.bytes(), before)
    assert.deepEqual(keyFiles(store), [])
  } finally {
    store.cleanup()
  }
})

test('Set-CsCertificate assigns, moves the assignment, and warns for each SIP domain the SANs do not cover (a wildcard covers one label)', async () => {
  const store = await withDomains('contoso.com', 'chat.contoso.com', 'a.b.contoso.com', 'fabrikam.com')
  try {
    const wildcard = await selfSigned(store, '-DomainName', '*.contoso.com')
    const all = await selfSigned(store, '-DomainName', 'contoso.com,*.contoso.com,a.b.contoso.com,fabrikam.com')
    const first = await run(store, ['Set-CsCertificate', '-Type', 'XmppServer', '-Thumbprint', wildcard])
    assert.equal(first.code, 0)
    assert.equal(
      first.stderr,
      [
        `WARNING: The certificate "${wildcard}" does not cover SIP domain "a.b.contoso.com": partners will refuse it for that domain.`,
        `WARNING: The certificate "${wildcard}" does not cover SIP domain "contoso.com": partners will refuse it for that domain.`,
        `WARNING: The certificate "${wildcard}" does not cover SIP domain "fabrikam.com": partners will refuse it for that domain.`,
        '',
      ].join('\n'),
    )
    assert.equal(certificatesOf(store)[wildcard].Use, 'XmppServer')
    // Thumbprints are matched without case, spaces or colons, as Windows' certificate dialog shows them.
    const typed = all.toLowerCase().match(/../g)!.join(' ')
    assert.deepEqual(await run(store, ['Set-CsCertificate', '-Type', 'XmppServer', '-Thumbprint', typed]), {stdout: '', stderr: '', code: 0})
    assert.deepEqual([certificatesOf(store)[wildcard].Use, certificatesOf(store)[all].Use], [null, 'XmppServer'])
  } finally {
    store.cleanup()
  }
})

test('Set-CsCertificate of an unknown thumbprint is "not found"; -WhatIf changes nothing', async () => {
  const store = await withDomains('contoso.com')
  try {
    const thumbprint = await selfSigned(store)
    const before = store.bytes()
    const missing = await run(store, ['Set-CsCertificate', '-Type', 'XmppServer', '-Thumbprint', '00FF'])
    assert.equal(missing.code, 1)
    assert.equal(missing.stderr.split('\n')[0], 'Set-CsCertificate : Cannot set "Certificate" "00FF" because it does not exist.')
    assert.match(missing.stderr, /ObjectNotFound: \(00FF:String\) \[Set-CsCertificate\], ItemNotFoundException/)
    const whatIf = await run(store, ['Set-CsCertificate', '-Type', 'XmppServer', '-Thumbprint', thumbprint, '-WhatIf'])
    assert.deepEqual(whatIf, {stdout: `What if: Performing the operation "Set-CsCertificate" on target "${thumbprint}".\n`, stderr: '', code: 0})
    assert.equal(store.bytes(), before)
  } finally {
    store.cleanup()
  }
})

test('Get-CsCertificate: all sorted by thumbprint, -Type only the assigned one, -Thumbprint one or "not found"', async () => {
  const store = await withDomains('contoso.com')
  try {
    const thumbprints = [await selfSigned(store), await selfSigned(store), await selfSigned(store)]
    const sorted = [...thumbprints].sort()
    await run(store, ['Set-CsCertificate', '-Type', 'XmppServer', '-Thumbprint', thumbprints[1]!])
    const all = JSON.parse((await run(store, ['Get-CsCertificate'], {json: true})).stdout) as Array<Record<string, unknown>>
    assert.deepEqual(all.map((c) => c.Thumbprint), sorted)
    assert.deepEqual(Object.keys(all[0]!), ['Issuer', 'NotAfter', 'NotBefore', 'SerialNumber', 'Subject', 'AlternativeNames', 'Thumbprint', 'Use'])
    assert.deepEqual(all.map((c) => c.Use), sorted.map((t) => (t === thumbprints[1] ? 'XmppServer' : null)))
    const assigned = await run(store, ['Get-CsCertificate', '-Type', 'XmppServer'])
    assert.equal(assigned.stdout.match(/^Thumbprint\s+: (\S+)$/gm)!.join(), `Thumbprint       : ${thumbprints[1]}`)
    assert.match(assigned.stdout, /\nUse              : XmppServer\n/)
    const one = await run(store, ['Get-CsCertificate', '-Thumbprint', thumbprints[2]!.toLowerCase()])
    assert.equal(one.stdout.match(/^Thumbprint\s+: (\S+)$/gm)!.join(), `Thumbprint       : ${thumbprints[2]}`)
    const missing = await run(store, ['Get-CsCertificate', '-Thumbprint', 'AB'])
    assert.equal(missing.code, 1)
    assert.equal(missing.stderr.split('\n')[0], 'Get-CsCertificate : Cannot get "Certificate" "AB" because it does not exist.')
  } finally {
    store.cleanup()
  }
})

test('Get-CsCertificate on a store without a certificates section (an earlier csxmpp) writes nothing', async () => {
  const store = await withDomains('contoso.com')
  try {
    assert.equal('certificates' in store.json(), false)
    assert.deepEqual(await run(store, ['Get-CsCertificate']), {stdout: '', stderr: '', code: 0})
    assert.deepEqual(await run(store, ['Get-CsCertificate', '-Type', 'XmppServer']), {stdout: '', stderr: '', code: 0})
  } finally {
    store.cleanup()
  }
})

test('Remove-CsCertificate -Type unassigns; -Thumbprint deletes an unassigned certificate and its files, and refuses the assigned one', async () => {
  const store = await withDomains('contoso.com')
  try {
    const kept = await selfSigned(store)
    const removed = await selfSigned(store)
    await run(store, ['Set-CsCertificate', '-Type', 'XmppServer', '-Thumbprint', kept])
    const keptFiles = [certificatesOf(store)[kept].chainFile, certificatesOf(store)[kept].keyFile]

    const before = store.bytes()
    const refused = await run(store, ['Remove-CsCertificate', '-Thumbprint', kept])
    assert.equal(refused.code, 1)
    assert.equal(
      refused.stderr.split('\n')[0],
      `Remove-CsCertificate : Cannot remove "Certificate" "${kept}": it is assigned to XmppServer. Assign another certificate with Set-CsCertificate, or unassign it with Remove-CsCertificate -Type XmppServer, first.`,
    )
    assert.match(refused.stderr, /InvalidOperation: \([0-9A-F]{40}:String\) \[Remove-CsCertificate\], InvalidOperationException\n.*CertificateInUse,Remove-CsCertificate/s)
    assert.equal(store.bytes(), before)

    assert.equal((await run(store, ['Remove-CsCertificate', '-Thumbprint', removed])).code, 0)
    assert.deepEqual(Object.keys(certificatesOf(store)), [kept])
    assert.deepEqual(keyFiles(store), keptFiles.map((f) => `${f} 600`).sort())

    assert.deepEqual(await run(store, ['Remove-CsCertificate', '-Type', 'XmppServer']), {stdout: '', stderr: '', code: 0})
    assert.equal(certificatesOf(store)[kept].Use, null)
    const none = await run(store, ['Remove-CsCertificate', '-Type', 'XmppServer'])
    assert.equal(none.code, 1)
    assert.equal(none.stderr.split('\n')[0], 'Remove-CsCertificate : Cannot remove "Certificate" "XmppServer" because it does not exist.')
    const gone = await run(store, ['Remove-CsCertificate', '-Thumbprint', removed])
    assert.equal(gone.stderr.split('\n')[0], `Remove-CsCertificate : Cannot remove "Certificate" "${removed}" because it does not exist.`)
    assert.equal((await run(store, ['Remove-CsCertificate', '-Thumbprint', kept])).code, 0)
    assert.deepEqual([certificatesOf(store), keyFiles(store)], [{}, []])
  } finally {
    store.cleanup()
  }
})

test('in a script, Request- pipes into Set-CsCertificate, and Get- into Remove-CsCertificate (by Thumbprint)', async () => {
  const store = await withDomains('contoso.com')
  try {
    const assign = await runScriptText(store, 'Request-CsCertificate -New -Type XmppServer -SelfSigned | Set-CsCertificate -Type XmppServer')
    assert.deepEqual(assign, {stdout: '', stderr: '', code: 0})
    const [thumbprint] = Object.keys(certificatesOf(store))
    assert.equal(certificatesOf(store)[thumbprint!].Use, 'XmppServer')
    await runScriptText(store, 'Request-CsCertificate -New -Type XmppServer -SelfSigned -DomainName spare.contoso.com')
    const cleanup = await runScriptText(store, 'Get-CsCertificate | Where-Object {$_.Use -ne "XmppServer"} | Remove-CsCertificate')
    assert.deepEqual(cleanup, {stdout: '', stderr: '', code: 0})
    assert.deepEqual(Object.keys(certificatesOf(store)), [thumbprint])
    const shown = await runScriptText(store, '(Get-CsCertificate).AlternativeNames -join ","; (Get-CsCertificate).Use.GetType().FullName')
    assert.equal(shown.stdout, 'contoso.com\nMicrosoft.Rtc.Management.Deployment.CertType\n')
    // A list in PowerShell syntax, not only one comma-separated string.
    await runScriptText(store, 'Request-CsCertificate -New -Type XmppServer -SelfSigned -DomainName "Contoso.COM", "*.contoso.com"')
    const names = Object.values(certificatesOf(store)).map((c) => c.AlternativeNames.join())
    assert.deepEqual(names.sort(), ['contoso.com', 'contoso.com,*.contoso.com'])
  } finally {
    store.cleanup()
  }
})

test('the help examples that need no file run in a script: make and assign, show, delete expired ones (none), unassign', async () => {
  const store = await withDomains('litwareinc.com')
  try {
    const example = (cmdlet: string, index: number) => findCmdlet(cmdlet)!.examples[index]!.code
    const codes = [
      example('Request-CsCertificate', 1),
      example('Request-CsCertificate', 1).replace(/ \|.*/, ''),
      example('Get-CsCertificate', 0),
      example('Get-CsCertificate', 1),
      example('Remove-CsCertificate', 1),
      example('Remove-CsCertificate', 0),
    ]
    for (const code of codes) assert.equal((await runScriptText(store, code)).code, 0, code)
    assert.deepEqual(Object.values(certificatesOf(store)).map((c) => c.Use), [null, null])
  } finally {
    store.cleanup()
  }
})
