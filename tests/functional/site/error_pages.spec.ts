import { test } from '@japa/runner'
import edge from 'edge.js'
import i18nManager from '@adonisjs/i18n/services/main'
import { EnteFactory } from '#factories/ente_factory'

/**
 * The 500 page is only rendered in production (development shows the
 * detailed error), so it is rendered here directly, as the handler does.
 */
test.group('Site: error pages', () => {
  test('the 500 page is styled and Italian, with or without an ente', async ({ assert }) => {
    const ente = await EnteFactory.make()
    const shared = { i18n: i18nManager.locale('it'), request: { url: () => '/x' } }

    const platform = await edge.createRenderer().share(shared).render('pages/errors/server_error')
    assert.include(platform, '<h1 class="mb-3">Si è verificato un errore</h1>')
    assert.include(platform, 'bootstrap-italia.min.css')
    assert.notInclude(platform, 'Torna alla home')

    const ofEnte = await edge
      .createRenderer()
      .share({ ...shared, ente })
      .render('pages/errors/server_error')
    assert.include(ofEnte, `<a class="btn btn-primary" href="/${ente.slug}/">Torna alla home</a>`)
  })
})
