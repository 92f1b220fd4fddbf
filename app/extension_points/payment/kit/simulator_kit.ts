import type { PluginHttpRequest, PluginHttpResponse } from '#extension_points/define_plugin'

/**
 * Pieces of a payment simulator's checkout page, where the citizen pays
 * with a test card or leaves. The page itself (an Edge view) and the
 * remote's state stay in the plugin; the flow of the form is the same for
 * every intermediary: see `handleTestCardForm`.
 */
export const TEST_CARD = '4242 4242 4242 4242'

const euro = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' })

export function formatEuro(cents: number) {
  return euro.format(cents / 100)
}

/** The simulator's base URL, from a request to one of its paths ending with `path`. */
function simulatorBase(request: PluginHttpRequest, path: string) {
  const url = new URL(request.url)
  return `${url.origin}${url.pathname.slice(0, url.pathname.length - path.length)}`
}

/**
 * A SOAP service of the simulated remote: a POST at `path` run under the
 * fault switch (`faults.run`); `answer` gets the request and the
 * simulator's base URL (to build the checkout's address) and gives the
 * status and the XML envelope.
 */
export function soapServiceRoute(
  path: string,
  underFaults: (work: () => Promise<PluginHttpResponse>) => Promise<PluginHttpResponse>,
  answer: (request: PluginHttpRequest, base: string) => Promise<{ status: number; body: string }>
) {
  return {
    method: 'POST' as const,
    path,
    csrfExempt: true,
    handler: (request: PluginHttpRequest) =>
      underFaults(async () => {
        const { status, body } = await answer(request, simulatorBase(request, path))
        return { status, headers: { 'content-type': 'text/xml; charset=utf-8' }, body }
      }),
  }
}

/** A form field: the body is parsed by the app, raw text in the tests' SimulatorServer. */
export function formField(request: PluginHttpRequest, name: string) {
  const body = request.body
  if (typeof body === 'string') return new URLSearchParams(body).get(name) ?? undefined
  const value = (body as Record<string, unknown> | null)?.[name]
  return typeof value === 'string' ? value : undefined
}

export function htmlPage(body: string, status = 200): PluginHttpResponse {
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    body,
  }
}

export function notFoundPage(message: string): PluginHttpResponse {
  return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: message }
}

/** What the page shows again when the card is refused: the number typed and why. */
export interface CardRefusal {
  carta: string
  error: string
}

/**
 * The POST of the checkout form (`azione` = paga | annulla, `carta`): the
 * citizen leaves, pays with the test card, or sees the page again with the
 * card refused (status 422 from `page`). A session no longer open, or one
 * a second submission finds already paid, shows the page as it is now:
 * nothing is paid twice.
 */
export async function handleTestCardForm<Session>(
  request: PluginHttpRequest,
  checkout: {
    session: Session | null
    isOpen: (session: Session) => boolean
    page: (refusal?: CardRefusal) => Promise<PluginHttpResponse>
    /** the citizen left: records it, answers where to send them */
    abandon: (session: Session) => Promise<string>
    /** the test card paid: where to send the citizen, or null if it was already paid */
    pay: (session: Session) => Promise<string | null>
    /** a refused card, for a remote that records failed attempts */
    refused?: (session: Session) => Promise<void>
  }
): Promise<PluginHttpResponse> {
  const { session } = checkout
  if (!session || !checkout.isOpen(session)) return checkout.page()
  if (formField(request, 'azione') === 'annulla') {
    return { redirect: await checkout.abandon(session) }
  }
  const carta = formField(request, 'carta') ?? ''
  if (carta.replace(/\D/g, '') !== TEST_CARD.replace(/\D/g, '')) {
    await checkout.refused?.(session)
    return checkout.page({
      carta,
      error: `La carta non è stata accettata: usa la carta di prova ${TEST_CARD}.`,
    })
  }
  const landing = await checkout.pay(session)
  return landing ? { redirect: landing } : checkout.page()
}
