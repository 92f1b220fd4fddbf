import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import { CookieClient } from '@adonisjs/core/http'
import type Citizen from '#models/citizen'
import type Ente from '#models/ente'

const SESSION_COOKIE = 'sdc-session'

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>', apos: "'" }

/** An attribute of an HTML tag, either quoting, as the browser reads it. */
function attribute(tag: string, name: string) {
  const value = new RegExp(`\\s${name}=(["'])(.*?)\\1`, 's').exec(tag)?.[2]
  return value === undefined ? undefined : unescapeHtml(value)
}

/** An attribute's value as the browser reads it (Edge escapes what it prints). */
function unescapeHtml(text: string) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (entity, code: string) => {
    if (code.startsWith('#x')) return String.fromCodePoint(Number.parseInt(code.slice(2), 16))
    if (code.startsWith('#')) return String.fromCodePoint(Number(code.slice(1)))
    return ENTITIES[code] ?? entity
  })
}

export interface Page {
  status: number
  url: string
  html: string
}

/**
 * A citizen's browser against a server in another process, over plain
 * HTTP: a cookie jar, forms posted as a browser posts them, redirects
 * followed one by one (so a test can stop between two of them).
 *
 * The citizen is logged in as a finished SPID login leaves them: the
 * session in the cookie store (the server runs with SESSION_DRIVER=cookie,
 * as in the embedded default), sealed with the APP_KEY both processes
 * share, so the session outlives a restart of the server, as it would.
 */
export class CitizenBrowser {
  #cookies = new Map<string, string>()

  constructor(readonly origin: string) {}

  static async loggedIn(origin: string, ente: Ente, citizen: Citizen) {
    const browser = new CitizenBrowser(origin)
    const auth = await app.container.make('auth.manager')
    const { session } = await auth
      .createAuthenticatorClient()
      .use('citizen')
      .authenticateAsClient(citizen)
    const values = {
      ...session,
      citizen_identity: {
        enteId: ente.id,
        citizenId: citizen.id,
        pluginId: 'identity_spid',
        fiscalNumber: citizen.fiscalCode,
        level: 2,
        source: 'spid',
      },
    }
    const cookies = new CookieClient(await app.container.make('encryption'))
    const sessionId = randomUUID()
    browser.#cookies.set(SESSION_COOKIE, cookies.sign(SESSION_COOKIE, sessionId)!)
    browser.#cookies.set(sessionId, cookies.encrypt(sessionId, values)!)
    return browser
  }

  /** One request, no redirect followed. */
  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const target = new URL(url, this.origin)
    const sameOrigin = target.origin === this.origin
    const response = await fetch(target, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      redirect: 'manual',
      headers: {
        ...(sameOrigin && this.#cookies.size ? { cookie: this.#cookieHeader() } : {}),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: init.form ? new URLSearchParams(init.form) : undefined,
    })
    if (sameOrigin) this.#keep(response.headers.getSetCookie())
    const location = response.headers.get('location')
    return {
      status: response.status,
      url: target.toString(),
      location: location ? new URL(location, target).toString() : null,
      html: await response.text(),
    }
  }

  /** A GET, and the redirects after it, to the page that stays. */
  async visit(url: string): Promise<Page> {
    let answer = await this.request(url)
    for (let hops = 0; answer.location && hops < 10; hops++) {
      answer = await this.request(answer.location)
    }
    return answer
  }

  /**
   * Clicks the button reading `button` in its form: the form's inputs as
   * the page filled them, the button's own name and value, then `fields`.
   */
  async submit(page: Page, button: string, fields: Record<string, string> = {}) {
    const buttonTag = new RegExp(`<button([^>]*)>\\s*${button}`)
    const form = [...page.html.matchAll(/<form[^>]*>[\s\S]*?<\/form>/g)]
      .map(([html]) => html)
      .find((html) => buttonTag.test(html))
    if (!form) throw new Error(`no form with "${button}" at ${page.url}:\n${page.html}`)
    const action = attribute(/<form[^>]*>/.exec(form)![0], 'action') || page.url
    const values: Record<string, string> = {}
    for (const [input] of form.matchAll(/<input[^>]*>/g)) {
      const name = attribute(input, 'name')
      if (name) values[name] = attribute(input, 'value') ?? ''
    }
    const clicked = buttonTag.exec(form)![1]
    const name = attribute(clicked, 'name')
    if (name) values[name] = attribute(clicked, 'value') ?? ''
    return this.request(new URL(action, page.url).toString(), {
      form: { ...values, ...fields },
    })
  }

  #cookieHeader() {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  #keep(setCookies: string[]) {
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';')
      const separator = pair.indexOf('=')
      const name = pair.slice(0, separator).trim()
      const expired = attributes.some((setting) => {
        const [key, value] = setting.trim().split('=')
        if (key.toLowerCase() === 'max-age') return Number(value) <= 0
        if (key.toLowerCase() === 'expires') return Date.parse(value) <= Date.now()
        return false
      })
      if (expired) this.#cookies.delete(name)
      else this.#cookies.set(name, pair.slice(separator + 1).trim())
    }
  }
}
