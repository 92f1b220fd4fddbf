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
