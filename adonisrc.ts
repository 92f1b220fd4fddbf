import { defineConfig } from '@adonisjs/core/app'

export default defineConfig({
  commands: [
    () => import('@adonisjs/core/commands'),
    () => import('@adonisjs/lucid/commands'),
    () => import('@adonisjs/mail/commands'),
  ],

  providers: [
    () => import('@adonisjs/core/providers/app_provider'),
    () => import('@adonisjs/core/providers/hash_provider'),
    { file: () => import('@adonisjs/core/providers/repl_provider'), environment: ['repl', 'test'] },
    () => import('@adonisjs/core/providers/vinejs_provider'),
    () => import('@adonisjs/core/providers/edge_provider'),
    () => import('@adonisjs/session/session_provider'),
    () => import('@adonisjs/shield/shield_provider'),
    () => import('@adonisjs/static/static_provider'),
    () => import('@adonisjs/lucid/database_provider'),
    () => import('@adonisjs/auth/auth_provider'),
    () => import('@adonisjs/mail/mail_provider'),
    () => import('@adonisjs/drive/drive_provider'),
    () => import('@adonisjs/i18n/i18n_provider'),
    () => import('@adonisjs/limiter/limiter_provider'),
    () => import('#providers/plugin_provider'),
    () => import('#providers/queue_provider'),
  ],

  preloads: [
    () => import('#start/routes'),
    () => import('#start/kernel'),
    () => import('#start/view'),
    () => import('#start/jobs'),
  ],

  tests: {
    suites: [
      { name: 'unit', files: ['tests/unit/**/*.spec.ts'], timeout: 10000 },
      { name: 'functional', files: ['tests/functional/**/*.spec.ts'], timeout: 30000 },
      { name: 'plugins', files: ['plugins/*/tests/**/*.spec.ts'], timeout: 30000 },
      { name: 'embedded', files: ['tests/embedded/**/*.spec.ts'], timeout: 120000 },
      { name: 'services', files: ['tests/services/**/*.spec.ts'], timeout: 120000 },
      { name: 'browser', files: ['tests/browser/**/*.spec.ts'], timeout: 120000 },
    ],
    forceExit: true,
  },

  metaFiles: [
    { pattern: 'resources/views/**/*.edge', reloadServer: false },
    { pattern: 'plugins/*/views/**/*.edge', reloadServer: false },
    { pattern: 'public/**', reloadServer: false },
    { pattern: 'resources/lang/**/*.{json,yaml,yml}', reloadServer: false },
    { pattern: 'database/data/**', reloadServer: false },
    { pattern: 'plugins/*/README.md', reloadServer: false },
    { pattern: 'plugins/*/openapi/*.json', reloadServer: false },
    // the SOAP clients and simulators read their WSDL and XSD files at run time
    { pattern: 'plugins/*/wsdl/**', reloadServer: false },
    { pattern: 'app/services/payments/taxonomy/*.csv', reloadServer: false },
  ],
})
