import { test } from '@japa/runner'
import { importShipped, submit } from './helpers.js'

const FORMS = 'database/data/opencity/formio/services'

test.group('Forms: the three OpenCity forms import', () => {
  test('{name} imports with nested blocks resolved', async ({ assert }, row: { name: string }) => {
    const { definition, report } = await importShipped(`${FORMS}/${row.name}.json`)
    assert.isAbove(definition.children.length, 0)
    assert.notExists(report.unsupported.find((issue) => issue.reason.includes('non trovato')))
    console.log(row.name, JSON.stringify(report, null, 1))
  }).with([{ name: 'inefficiencies' }, { name: 'helpdesk' }, { name: 'bookings' }])

  test('inefficiencies accepts a valid submission stored with OpenCity keys', async ({
    assert,
  }) => {
    const { definition } = await importShipped(`${FORMS}/inefficiencies.json`)
    const result = submit(definition, {
      'address/address/address1': 'Via Roma 1',
      'address/address/city': 'Bugliano',
      'type': '97722683-b117-4dc0-b0c8-bd2611de10bd',
      'subject': 'Buca in strada',
      'details': 'Una buca profonda davanti al civico 1',
      'applicant/completename/name': 'Mario',
      'applicant/completename/surname': 'Rossi',
      'applicant/fiscal_code/fiscal_code': 'rssmra80a01h501u',
      'applicant/email_address': 'mario.rossi@example.it',
      'applicant/phone_number': '+39 333 1234567',
    })
    assert.deepEqual(result.errors, {})
    console.log(JSON.stringify(result.data, null, 1))
    assert.equal((result.data as any).applicant.completename.name, 'Mario')
    assert.equal((result.data as any).applicant.fiscal_code.fiscal_code, 'RSSMRA80A01H501U')
  })
})
