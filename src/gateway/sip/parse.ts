import {parse, type SipMessage} from 'sip'

/** parseMessage reads one SIP message (its header block and body). */
export function parseMessage(text: string): SipMessage | undefined {
  return parse(text)
}
