/**
 * SIP test helpers, for this folder's tests and the gateway's end-to-end tests: real peers (SIPp, Kamailio,
 * baresip) with their configurations from test/fixtures/sip, a hand-written peer for exact wire
 * cases, a throw-away CA, an endpoint with recorded callbacks, and loopback addresses per test file.
 */
export {startBaresip, type Baresip, type BaresipOptions} from './baresip.js'
export {makeCa, type Pem, type TestCa} from './certs.js'
export {answerChallenge} from './digest-client.js'
export {startTestGateway, type LogEntry, type TestGateway, type TestGatewayOptions} from './gateway.js'
export {KAMAILIO_PORT, startKamailio, type Kamailio, type KamailioOptions} from './kamailio.js'
export {listening, loopbackBlock, skipUnlessTool, waitFor, waitListening, within, type LoopbackBlock} from './peers.js'
export {buildRequest, exchange, openUdp, startResponder, type Peer, type RawResponse, type RequestParts, type Responder, type UdpClient} from './raw.js'
export {runSipp, SIP_FIXTURES, startSipp, type SippOptions, type SippProcess, type SippRun} from './sipp.js'
