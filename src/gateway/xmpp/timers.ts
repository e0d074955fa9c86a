import type {DeepReadonly, XmppGatewaySettingsRecord} from '../../../store/index.js'
import type {S2sSession} from './session.js'

/**
 * The stream timers of cmdlets.md A8.3, checked by one sweep over all sessions rather than timers per
 * stream (a thousand idle streams cost one interval), always against the current settings so that a
 * reload changes them for live streams at once.
 */

/** sweep applies StreamEstablishmentTimeout, keep-alive and StreamInactivityTimeout to every session. */
export function sweep(sessions: Iterable<S2sSession>, settings: DeepReadonly<XmppGatewaySettingsRecord>, now = performance.now()): void {
  for (const session of sessions) {
    const stream = session.stream
    if (!stream.isOpen) continue
    if (!session.authenticated) {
      // An incoming session's close sends our stream header first when it has not gone yet (RFC 6120 §4.9.1.2).
      if (now - session.started >= settings.StreamEstablishmentTimeout * 1000) {
        session.close({condition: 'connection-timeout', text: `not authenticated within ${settings.StreamEstablishmentTimeout} s`})
      }
      continue
    }
    if (session.partner()?.EnableKeepAlive) {
      const interval = settings.KeepAliveInterval * 1000
      if (now - stream.lastRead >= interval) {
        session.close({condition: 'connection-timeout', text: `nothing received for ${settings.KeepAliveInterval} s`})
        continue
      }
      // A8.3: a whitespace keep-alive (RFC 6120 §4.6.1) on an idle stream every KeepAliveInterval / 2.
      if (now - stream.lastWrite >= interval / 2) stream.send(' ')
    }
    if (now - stream.lastStanza >= settings.StreamInactivityTimeout * 1000) {
      session.env.log.info({...session.describe(), idleSeconds: settings.StreamInactivityTimeout}, 's2s stream closed for inactivity')
      stream.close()
    }
  }
}
