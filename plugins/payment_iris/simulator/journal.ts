/**
 * The last SOAP exchanges the simulated IRIS handled (request and answer
 * bodies, newest last), as a remote's access log would keep them: the
 * tests check every document against IRIS's XSDs from here.
 */
export interface Exchange {
  path: string
  request: string
  answer: string
}

const LIMIT = 200
const exchanges: Exchange[] = []

export function recordExchange(exchange: Exchange) {
  exchanges.push(exchange)
  if (exchanges.length > LIMIT) exchanges.shift()
}

export function journal(): readonly Exchange[] {
  return exchanges
}
