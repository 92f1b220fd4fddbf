/**
 * What `npm run bench` measures. Each scenario runs next to the bare route
 * on the same server; later features add their own entries.
 */
export const SCENARIOS = [
  { name: "Home page dell'ente", path: '/bench-ente-1/', bare: '/health/live' },
]

/**
 * A full submission, as a browser makes it (3 requests): "Accedi al
 * servizio online" opens a draft (GET → 302 to its form), the whole form
 * posted with "Invia" on its last step (POST → 302 to the Riepilogo), then
 * "Invia" (POST → 302 to the receipt: the pratica is Inviata, its events in
 * the outbox). Each connection acts as a bench citizen logged in at SPID
 * level 2 by the BENCH_MODE helper /{ente}/_bench/accedi (session cookie
 * and CSRF token), on "Servizio numero 1" of bench-ente-2, whose form is
 * the demo services' one (database/bench/bench_submission.ts). A response
 * that does not lead where a browser would go counts as a failure.
 */
const SUBMISSION = { ente: 'bench-ente-2', service: 'servizio-1' }

async function benchCitizen(origin, n) {
  const response = await fetch(`${origin}/${SUBMISSION.ente}/_bench/accedi?n=${n}`)
  if (!response.ok) throw new Error(`login di prova ${n}: ${response.status}`)
  const { csrfToken, fiscalCode } = await response.json()
  const cookies = new Map()
  for (const header of response.headers.getSetCookie()) {
    const [pair, ...attributes] = header.split(';')
    const [name, value] = pair.split('=')
    const expired = attributes.some((attribute) => /max-age=0|expires=thu, 01 jan 1970/i.test(attribute))
    if (expired || !value) cookies.delete(name.trim())
    else cookies.set(name.trim(), value.trim())
  }
  const cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  return { cookie, csrfToken, fiscalCode, n }
}

function submissionForm(citizen) {
  return new URLSearchParams({
    '_csrf': citizen.csrfToken,
    '_step': '1',
    '_action': 'submit',
    'privacy': 'true',
    'applicant/completename/name': 'Cittadino',
    'applicant/completename/surname': 'Bianchi',
    'applicant/Born/natoAIl': '01/01/1980',
    'applicant/Born/place_of_birth': 'Roma',
    'applicant/gender/gender': 'maschio',
    'applicant/fiscal_code/fiscal_code': citizen.fiscalCode,
    'applicant/email_address': `cittadino.${citizen.n}@example.it`,
    'applicant/cell_number': '3331234567',
    'applicant/address/address': 'Via Roma',
    'applicant/address/house_number': '1',
    'applicant/address/municipality': 'Roma',
    'applicant/address/county': 'RM',
    'applicant/address/postal_code': '00100',
    'details': 'Richiesta inviata dal bench: una descrizione di qualche riga, come quelle vere.',
  }).toString()
}

async function submissionFlow(origin, connections) {
  // two citizens per connection: a citizen is never in two submissions at once
  const citizens = await Promise.all(
    Array.from({ length: connections * 2 }, (_, n) => benchCitizen(origin, n))
  )
  const free = [...citizens]
  let failures = 0
  const expect = (context, status, headers, ending) => {
    const location = String(headers.location ?? '')
    if (status !== 302 || !location.endsWith(ending)) {
      failures++
      context.failed = true
    }
    return location
  }
  // after a failed step the sequence starts again (autocannon restarts on a falsy request)
  const release = (context) => {
    free.unshift(context.citizen)
    return null
  }
  const requests = [
    {
      method: 'GET',
      path: `/${SUBMISSION.ente}/servizi/${SUBMISSION.service}/compila`,
      setupRequest: (request, context) => {
        context.citizen = free.pop() ?? citizens[0]
        return { ...request, headers: { ...request.headers, cookie: context.citizen.cookie } }
      },
      onResponse: (status, _body, context, headers) => {
        context.form = expect(context, status, headers, '/compila')
      },
    },
    {
      method: 'POST',
      setupRequest: (request, context) => context.failed ? release(context) : {
        ...request,
        path: context.form,
        headers: {
          ...request.headers,
          'cookie': context.citizen.cookie,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: submissionForm(context.citizen),
      },
      onResponse: (status, _body, context, headers) => {
        expect(context, status, headers, '/riepilogo')
      },
    },
    {
      method: 'POST',
      setupRequest: (request, context) => context.failed ? release(context) : {
        ...request,
        path: context.form.replace(/\/compila$/, '/invia'),
        headers: {
          ...request.headers,
          'cookie': context.citizen.cookie,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ _csrf: context.citizen.csrfToken }).toString(),
      },
      onResponse: (status, _body, context, headers) => {
        expect(context, status, headers, '/ricevuta')
        free.unshift(context.citizen)
      },
    },
  ]
  return { requests, failures: () => failures }
}

SCENARIOS.push({
  name: 'Invio di una pratica (apri, compila, Invia)',
  path: `/${SUBMISSION.ente}/servizi/${SUBMISSION.service}/compila`,
  bare: '/health/live',
  requestsPerOperation: 3,
  flow: submissionFlow,
})

/**
 * The backoffice's Elenco pratiche on bench-ente-1 (1,000,000 pratiche on
 * PostgreSQL, database/bench/bench_seeder.ts) as the operator enabled for
 * 10 of its 60 services, who logs in through the real login form before
 * autocannon runs (bench.js, `login`). `{servizio:<name>}` in a path is
 * the id of that service, read from the list's "Filtra per servizio".
 */
const LIST_OPERATOR = { ente: 'bench-ente-1', username: 'operatore.2', password: 'Bench.2026' }
const LIST = '/bench-ente-1/backoffice'

SCENARIOS.push(
  { name: 'Elenco pratiche (operatore, nessun filtro)', path: LIST, bare: '/health/live', login: LIST_OPERATOR },
  {
    name: 'Elenco pratiche filtrato (servizio, stato In carico, 25 per pagina)',
    path: `${LIST}?servizio={servizio:Servizio numero 2}&stato=4000&per_pagina=25`,
    bare: '/health/live',
    login: LIST_OPERATOR,
  },
  {
    name: 'Elenco pratiche filtrato (cambio stato il mese scorso, priorità Alta)',
    path: `${LIST}?periodo=mese-scorso&priorita=2`,
    bare: '/health/live',
    login: LIST_OPERATOR,
  },
  {
    name: 'Elenco pratiche: Cerca per nome e cognome',
    path: `${LIST}?cerca=mario+rossi`,
    bare: '/health/live',
    login: LIST_OPERATOR,
  },
  // the latency one operator sees, without 19 others queueing on the same CPU
  {
    name: 'Elenco pratiche filtrato (servizio, stato In carico), 1 connessione',
    path: `${LIST}?servizio={servizio:Servizio numero 2}&stato=4000&per_pagina=25`,
    bare: '/health/live',
    login: LIST_OPERATOR,
    connections: 1,
  }
)

/**
 * CSV exports measured once each, for rows/s and the server's peak memory
 * (RSS sampled while the file streams): "Servizio numero 1" holds exactly
 * a tenth of the bench pratiche (100,000 of a million), exported with
 * "Opzioni tabella" columns and their summary rows; a smaller and a larger
 * one show that memory does not grow with the rows.
 */
export const EXPORTS = [
  {
    name: 'CSV Servizio numero 1 (Opzioni tabella: importo con somma e media, conta dei nomi)',
    path: `${LIST}/pratiche/esporta?servizio={servizio:Servizio numero 1}&visualizza=name&visualizza=importo&somma=importo&media=importo&conta=name`,
    login: LIST_OPERATOR,
    summaryRows: 3,
  },
  {
    name: 'CSV Servizio numero 2 (senza Opzioni tabella)',
    path: `${LIST}/pratiche/esporta?servizio={servizio:Servizio numero 2}`,
    login: LIST_OPERATOR,
    summaryRows: 0,
  },
  {
    name: "CSV dell'intero elenco dell'operatore (10 servizi)",
    path: `${LIST}/pratiche/esporta`,
    login: LIST_OPERATOR,
    summaryRows: 0,
  },
]

/**
 * The public site of bench-ente-1 as a visitor reads it: the catalogue of
 * its 60 services (cards with topic and short description), the same
 * narrowed by "Cerca", "Argomenti" and "Tipologia", and the scheda of one
 * service with every section, its office with address and opening hours,
 * and the JSON-LD (database/bench/bench_scheda.ts fills them).
 */
SCENARIOS.push(
  { name: 'Catalogo dei servizi (60 servizi)', path: '/bench-ente-1/servizi', bare: '/health/live' },
  {
    name: 'Catalogo: Cerca, Argomenti e Tipologia',
    path: '/bench-ente-1/servizi?q=servizio&categoria=educazione-e-formazione&tipologia=tipologia-1',
    bare: '/health/live',
  },
  {
    name: 'Scheda di un servizio (tutte le sezioni, ufficio con orari, JSON-LD)',
    path: '/bench-ente-1/servizi/servizio-1',
    bare: '/health/live',
  }
)
