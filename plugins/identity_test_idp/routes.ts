import { readFile } from 'node:fs/promises'
import edge from 'edge.js'
import type {
  PluginHttpRequest,
  PluginHttpResponse,
  PluginRoute,
} from '#extension_points/define_plugin'
import type {
  BrowserTransport,
  IdentityAdapter,
  LoginLevel,
} from '#extension_points/identity/contract'
import { IdentityCallbackError } from '#extension_points/identity/errors'
import { TestIdpAdapter } from './adapter.js'
import { TEST_CITIZENS } from './citizens.js'
import type { Ticket } from './test_idp.js'

const VIEW = 'identity_test_idp::'
const LEVELS: LoginLevel[] = [1, 2, 3]
const AUTO_SUBMIT = new URL('./assets/auto_submit.js', import.meta.url)

type Route = PluginRoute<IdentityAdapter, Record<string, never>>

function testIdp(adapter: IdentityAdapter) {
  if (!(adapter instanceof TestIdpAdapter)) throw new Error('identity_test_idp: unexpected adapter')
  return adapter.idp
}

/** The IdP's own paths, for links in its pages. */
function paths(context: { routeUrl(path: string): string }) {
  const path = (route: string) => new URL(context.routeUrl(route)).pathname
  return { answer: path('/idp/sso/risposta'), script: path('/idp/auto-submit.js') }
}

async function page(template: string, data: Record<string, unknown>, status = 200) {
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    body: await edge.render(`${VIEW}${template}`, data),
  } satisfies PluginHttpResponse
}

function refused(error: unknown) {
  if (!(error instanceof IdentityCallbackError)) throw error
  return page('error', { message: error.message }, 400)
}

function field(request: PluginHttpRequest, name: string) {
  const value = (request.body as Record<string, unknown> | null)?.[name]
  return typeof value === 'string' ? value : undefined
}

function choosePage(
  urls: ReturnType<typeof paths>,
  ticket: Ticket,
  sealed: string,
  chosen: { utente?: string; livello?: number; error?: string } = {}
) {
  const level = chosen.livello ?? ticket.request.level
  return page(
    'choose_user',
    {
      urls,
      sealed,
      spName: ticket.spName ?? ticket.request.spEntityId,
      spEntityId: ticket.request.spEntityId,
      requestedLevel: ticket.request.level,
      citizens: TEST_CITIZENS.map((citizen, index) => ({
        ...citizen,
        checked: chosen.utente ? chosen.utente === citizen.fiscalNumber : index === 0,
      })),
      levels: LEVELS.map((value) => ({ value, selected: value === level })),
      error: chosen.error,
    },
    chosen.error ? 422 : 200
  )
}

/** The browser carrying an answer on: a page whose form posts itself, or a redirect. */
function forward(urls: ReturnType<typeof paths>, transport: BrowserTransport) {
  if (transport.kind === 'redirect') return { redirect: transport.url }
  return postForm(urls, transport.action, transport.fields)
}

function postForm(urls: ReturnType<typeof paths>, action: string, fields: Record<string, string>) {
  return page('post_form', { urls, action, fields: Object.entries(fields) })
}

export const testIdpRoutes: Route[] = [
  {
    method: 'GET',
    path: '/idp/metadata',
    handler: ({ adapter }) => ({
      headers: { 'content-type': 'application/samlmetadata+xml' },
      body: testIdp(adapter).metadata(),
    }),
  },
  ...(['GET', 'POST'] as const).map((method): Route => ({
    // SingleSignOnService: the SP's AuthnRequest (HTTP-Redirect or HTTP-POST), checked
    method,
    path: '/idp/sso',
    csrfExempt: true,
    async handler({ request, adapter, context }) {
      const idp = testIdp(adapter)
      try {
        const ticket = await idp.receiveAuthnRequest(request)
        return choosePage(paths(context), ticket, idp.seal(ticket))
      } catch (error) {
        return refused(error)
      }
    },
  })),
  {
    // the tester's choice; the sealed ticket ties it to a verified request (no CSRF token here)
    method: 'POST',
    path: '/idp/sso/risposta',
    csrfExempt: true,
    async handler({ request, adapter, context }) {
      const idp = testIdp(adapter)
      const urls = paths(context)
      const sealed = field(request, 'ticket')
      const ticket = idp.open(sealed)
      if (!ticket || !sealed) {
        return page(
          'error',
          {
            message: 'La richiesta è scaduta o non è valida: torna al servizio e accedi di nuovo.',
          },
          400
        )
      }
      if (field(request, 'azione') === 'annulla') {
        const cancelled = idp.cancel(ticket)
        return postForm(urls, cancelled.action, cancelled.fields)
      }
      const utente = field(request, 'utente')
      const livello = Number(field(request, 'livello'))
      const citizen = TEST_CITIZENS.find((candidate) => candidate.fiscalNumber === utente)
      if (!LEVELS.includes(livello as LoginLevel)) {
        return choosePage(urls, ticket, sealed, {
          utente,
          error: 'Scegliere il livello di autenticazione.',
        })
      }
      if (!citizen) {
        return choosePage(urls, ticket, sealed, {
          livello,
          error: 'Scegliere l’utente con cui accedere.',
        })
      }
      const answer = idp.answer(ticket, citizen, livello as LoginLevel)
      return postForm(urls, answer.action, answer.fields)
    },
  },
  ...(['GET', 'POST'] as const).map((method): Route => ({
    // SingleLogoutService: an SP's LogoutRequest, answered at once
    method,
    path: '/idp/slo',
    csrfExempt: true,
    async handler({ request, adapter, context }) {
      try {
        const transport = await testIdp(adapter).answerLogout(request)
        if (!transport) {
          return page('error', { message: 'Il servizio non ha un indirizzo di logout.' }, 400)
        }
        return forward(paths(context), transport)
      } catch (error) {
        return refused(error)
      }
    },
  })),
  {
    method: 'GET',
    path: '/idp/auto-submit.js',
    handler: async () => ({
      headers: {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'public, max-age=3600',
      },
      body: await readFile(AUTO_SUBMIT),
    }),
  },
]
