import app from '@adonisjs/core/services/app'
import { defineConfig, formatters, loaders } from '@adonisjs/i18n'

/**
 * Italian first; an ente may also offer English and German (its
 * `languages` column). Missing keys fall back to Italian.
 */
const i18nConfig = defineConfig({
  defaultLocale: 'it',
  supportedLocales: ['it', 'en', 'de'],
  fallbackLocales: { en: 'it', de: 'it' },
  formatter: formatters.icu(),
  loaders: [loaders.fs({ location: app.languageFilesPath() })],
})

export default i18nConfig
