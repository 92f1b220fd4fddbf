import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { Secret } from '@adonisjs/core/helpers'
import proxyAddr from 'proxy-addr'
import { defineConfig } from '@adonisjs/core/http'

/**
 * The app key encrypts cookies, sessions and plugin secrets at rest.
 * Rotating it makes stored plugin secrets unreadable.
 */
export const appKey = new Secret(env.get('APP_KEY'))

export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: true,
  useAsyncLocalStorage: false,
  // X-Forwarded-For is believed only from these addresses (the reverse
  // proxy): otherwise anyone could pick the IP the rate limits and the
  // audit log see
  trustProxy: proxyAddr.compile(
    env
      .get('TRUSTED_PROXIES', 'loopback')
      .split(',')
      .map((entry) => entry.trim())
  ),
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
})
