import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import type {DeepReadonly, StoreDocument} from '../../../store/index.js'
import type {TlsIdentity} from '../net/tls.js'

/**
 * The gateway's own certificate: the one assigned with `Set-CsCertificate -Type XmppServer`
 * (cmdlets.md A9.3). The store names the chain and key files; the files live in the key directory
 * (A10) and are read only here, never logged.
 */

/** AssignedIdentity is the certificate in use and its thumbprint, to notice when a reload swaps it. */
export interface AssignedIdentity extends TlsIdentity {
  readonly thumbprint: string
}

/** assignedThumbprint is the thumbprint of the XmppServer certificate, or undefined when none is assigned. */
export function assignedThumbprint(document: DeepReadonly<StoreDocument>): string | undefined {
  return Object.values(document.certificates ?? {}).find((c) => c.Use === 'XmppServer')?.Thumbprint
}

/** loadIdentity reads the assigned certificate's chain and key, or undefined when none is assigned. */
export async function loadIdentity(keyDirectory: string, document: DeepReadonly<StoreDocument>): Promise<AssignedIdentity | undefined> {
  const thumbprint = assignedThumbprint(document)
  const record = thumbprint === undefined ? undefined : document.certificates?.[thumbprint]
  if (!record) return undefined
  const [cert, key] = await Promise.all([readFile(join(keyDirectory, record.chainFile), 'utf8'), readFile(join(keyDirectory, record.keyFile), 'utf8')])
  return {cert, key, thumbprint: record.Thumbprint}
}
