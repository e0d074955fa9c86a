/**
 * System.Security.SecureString (powershell.md §9, Credentials): its characters stay inside csxmpp.
 * Every output form (string form, views, ConvertTo-Json, Export-Csv, Export-Clixml, --json) sees only
 * the type name, which is what toString gives; the one member a script can read is Length.
 */

export const SECURE_STRING_TYPE = 'System.Security.SecureString'

export class PSSecureString {
  readonly #text: string

  constructor(text: string) {
    this.#text = text
  }

  get length(): number {
    return this.#text.length
  }

  toString(): string {
    return SECURE_STRING_TYPE
  }

  /** JSON.stringify and util.inspect of a record holding one must not reveal it either. */
  toJSON(): string {
    return SECURE_STRING_TYPE
  }
}
