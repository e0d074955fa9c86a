/**
 * The grammars of the store's keys and names, as regular-expression sources for the JSON Schema
 * (ajv compiles them with the `u` flag, so `\p{…}` classes work).
 *
 * They check structure, not every rule of cmdlets.md A2: the cmdlets canonicalise input before it
 * reaches the store, and the store only has to refuse what no cmdlet could have written (a
 * hand-edited file). Case is checked on the domain grammars here; for policy and user keys it is
 * checked in the semantic pass as `key === key.toLowerCase()`, because a few upper-case letters
 * (for example U+03D2) have no lower-case form, and the cmdlets lower-case with the same function.
 */

// Lower-case letters, caseless letters, marks (needed by scripts such as Devanagari) and digits.
const LABEL_CHARACTER = '[\\p{Ll}\\p{Lo}\\p{Lm}\\p{M}\\p{Nd}]'
const LABEL_INNER = '[\\p{Ll}\\p{Lo}\\p{Lm}\\p{M}\\p{Nd}-]'
const LABEL = `${LABEL_CHARACTER}(?:${LABEL_INNER}*${LABEL_CHARACTER})?`
const DOMAIN = `(?![0-9]+(?:\\.[0-9]+)+$)${LABEL}(?:\\.${LABEL})+`
const HOST = `(?![0-9]+(?:\\.[0-9]+)*(?::|$))${LABEL}(?:\\.${LABEL})*`
const PORT = '(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])'

/** DOMAIN_PATTERN matches a canonical domain (A2.2): lower-case labels, at least two, no trailing dot, not an IP address. */
export const DOMAIN_PATTERN = `^${DOMAIN}$`

/** HOST_PATTERN matches a canonical host name without a port (A11.1 DefaultRouteFqdn): one label allowed. */
export const HOST_PATTERN = `^${HOST}$`

/** HOST_AND_PORT_PATTERN matches a canonical ProxyFqdn (A3.2): a host name, one label allowed, and an optional port. */
export const HOST_AND_PORT_PATTERN = `^${HOST}(?::${PORT})?$`

// A policy name (A2.1): no `:` `*` `?` or control characters, no surrounding white space.
const POLICY_NAME = '(?=\\S)[^:*?\\p{Cc}]{1,256}(?<=\\S)'

/** POLICY_KEY_PATTERN matches a policy's store key: `global`, `site:<name>` or `tag:<name>`. */
export const POLICY_KEY_PATTERN = `^(?:global|(?:site|tag):${POLICY_NAME})$`

/** USER_KEY_PATTERN matches a user's store key: `local@domain`, the SIP address without `sip:`. */
export const USER_KEY_PATTERN = `^[\\p{L}\\p{M}\\p{Nd}._+'-]+@${DOMAIN}$`

/** SECRET_FILE_PATTERN matches the name of a file in the key directory: no separators, so no path can escape it. */
export const SECRET_FILE_PATTERN = '^[A-Za-z0-9._-]+$'
