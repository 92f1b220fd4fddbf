import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { serviceWithForm, ALL_COMPONENTS } from './helpers.js'

test.group('Forms: preview route', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('renders the first step of the fixture form', async ({ client }) => {
    const { admin, url } = await serviceWithForm(ALL_COMPONENTS)
    const response = await client.get(url).loginAs(admin)
    console.log(response.text().slice(0, 200))
    response.assertStatus(200)
  })
})
