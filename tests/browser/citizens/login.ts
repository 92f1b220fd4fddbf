import type { BrowserContext } from 'playwright-core'
import app from '@adonisjs/core/services/app'
import { configProvider } from '@adonisjs/core'
import { CookieClient } from '@adonisjs/core/http'
import { SessionClient } from '@adonisjs/session/client'
import type { ResolvedSessionConfig } from '@adonisjs/session/types'
import type Citizen from '#models/citizen'
import { baseUrl } from '#tests/helpers/browser'

/**
 * Logs a citizen in a browser context as a finished SPID/CIE login would:
 * the citizen guard's session data in the test session store (memory, in
 * the test server's process) and the signed session cookie in the browser.
 */
export async function loginCitizen(context: BrowserContext, citizen: Citizen) {
  const config = (await configProvider.resolve<ResolvedSessionConfig>(
    app,
    app.config.get('session')
  ))!
  const auth = await app.container.make('auth.manager')
  const { session } = await auth
    .createAuthenticatorClient()
    .use('citizen')
    .authenticateAsClient(citizen)

  // the memory store ignores the request it is made for
  const client = new SessionClient(config.stores.memory(null as never, config))
  client.merge(session!)
  await client.commit()

  const cookies = new CookieClient(await app.container.make('encryption'))
  await context.addCookies([
    {
      name: config.cookieName,
      value: cookies.sign(config.cookieName, client.sessionId)!,
      url: baseUrl(),
    },
  ])
}
