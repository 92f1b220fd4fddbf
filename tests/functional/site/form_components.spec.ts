import { test } from '@japa/runner'
import edge from 'edge.js'
import i18nManager from '@adonisjs/i18n/services/main'
import { ReadOnlyValuesStore } from '@adonisjs/session'

/**
 * The form components, rendered as after a failed submit: the session
 * flashes the old input and the validator's errors (inputErrorsBag).
 */
function renderAfterFailedSubmit(template: string, flashed: Record<string, any>) {
  const flashMessages = new ReadOnlyValuesStore(flashed)
  return edge
    .createRenderer()
    .share({
      i18n: i18nManager.locale('it'),
      flashMessages,
      old: (key: string) => flashMessages.get(key),
    })
    .renderRaw(template)
}

test.group('Site: form components', () => {
  test('a field with an error is marked invalid and described by its help and its error', async ({
    assert,
  }) => {
    const html = await renderAfterFailedSubmit(
      `@!form.field({ name: 'email', label: 'Email', type: 'email', help: 'Per le notifiche', required: true })`,
      { email: 'non-valida', inputErrorsBag: { email: ['Inserisci un indirizzo email valido'] } }
    )

    assert.include(html, '<label for="field-email"')
    assert.include(html, 'id="field-email" name="email" value="non-valida"')
    assert.include(html, 'class="form-control is-invalid"')
    assert.include(html, 'aria-invalid=true')
    assert.include(html, 'aria-describedby="field-email-help field-email-error"')
    assert.include(html, '<small id="field-email-help" class="form-text">Per le notifiche</small>')
    assert.include(
      html,
      '<div id="field-email-error" class="invalid-feedback d-block">Inserisci un indirizzo email valido</div>'
    )
  })

  test('old input is escaped, and a password is never echoed back', async ({ assert }) => {
    const html = await renderAfterFailedSubmit(
      `@!form.field({ name: 'name', label: 'Nome' })\n@!form.field({ name: 'password', label: 'Password', type: 'password' })`,
      { name: '"><script>x</script>', password: 'segreta' }
    )

    assert.include(html, 'value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"')
    assert.notInclude(html, 'segreta')
    assert.notInclude(html, 'aria-describedby')
  })

  test('a checkbox and a select come back as they were submitted', async ({ assert }) => {
    const html = await renderAfterFailedSubmit(
      `@!form.checkbox({ name: 'remember', label: 'Ricordami' })\n@!form.select({ name: 'stato', label: 'Stato', options: [{ value: '', label: 'Tutti' }, { value: '2000', label: 'Acquisita' }] })`,
      { remember: 'true', stato: '2000' }
    )

    assert.match(
      html,
      /<input id="field-remember" type="checkbox" name="remember" value="true"\s+checked/
    )
    assert.include(html, '<option value="2000" selected>Acquisita</option>')
    assert.include(html, '<option value="" >Tutti</option>')
  })
})
