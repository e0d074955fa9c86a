import {type Logger, pino} from 'pino'

/**
 * The gateway's log: JSON lines on stdout (pino), one object per event, ISO timestamps. Written
 * asynchronously so that logging does not slow the message path, and flushed on shutdown.
 * No private key, secret or (unless EnableLoggingAllMessageBodies) message body is ever passed to
 * it (cmdlets.md A8.6); the callers decide the fields.
 */

/** LogLevel is an accepted -LogLevel value (pino's levels), quietest last. */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent'

/** createLogger writes to a file descriptor (1 = stdout). */
export function createLogger(level: LogLevel, fd = 1): Logger {
  return pino({level, base: {name: 'csxmpp-gateway'}, timestamp: pino.stdTimeFunctions.isoTime}, pino.destination({dest: fd, sync: false, minLength: 0}))
}
