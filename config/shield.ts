import { defineConfig } from '@adonisjs/shield'

const shieldConfig = defineConfig({
  /**
   * Scripts are served by the app itself; Alpine runs in its CSP build,
   * so no inline script or eval is ever needed.
   */
  csp: {
    enabled: true,
    directives: {
      defaultSrc: [`'self'`],
      scriptSrc: [`'self'`, '@nonce'],
      styleSrc: [`'self'`, `'unsafe-inline'`],
      imgSrc: [`'self'`, 'data:'],
      fontSrc: [`'self'`, 'data:'],
      formAction: [`'self'`, 'http:', 'https:'],
      frameAncestors: [`'none'`],
      objectSrc: [`'none'`],
    },
    reportOnly: false,
  },
  csrf: {
    enabled: true,
    // Routes protected by a signature instead (SAML ACS, payment callbacks)
    // register themselves through the plugin runtime.
    exceptRoutes: (ctx) => ctx.route?.meta?.csrfExempt === true,
    enableXsrfCookie: false,
    methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  },
  xFrame: {
    enabled: true,
    action: 'DENY',
  },
  hsts: {
    enabled: true,
    maxAge: '180 days',
  },
  contentTypeSniffing: {
    enabled: true,
  },
})

export default shieldConfig
