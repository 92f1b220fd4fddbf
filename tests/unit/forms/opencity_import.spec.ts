import { test } from '@japa/runner'
import { importShipped, submit, context } from './helpers.js'
import { evaluateForm } from '#domain/forms/evaluate'
import { readSubmission } from '#domain/forms/read_submission'
import type { FieldNode, Option } from '#domain/forms/types'

const FORMS = 'database/data/opencity/formio/services'

const APPLICANT_LITE = {
  'applicant/completename/name': 'Mario',
  'applicant/completename/surname': 'Rossi',
  'applicant/fiscal_code/fiscal_code': 'rssmra80a01h501u',
  'applicant/email_address': 'mario.rossi@example.it',
  'applicant/phone_number': '+39 333 1234567',
}

test.group('Forms: the three OpenCity forms, imported unchanged', () => {
  test('{name}: nested blocks resolved, what is not done reported by key and type')
    .with([
      {
        name: 'inefficiencies',
        unsupported: [
          'address (panel/fieldset/address): calculateValue',
          'applicant.phone_number (panel/fieldset/form/phoneNumber): customConditional',
        ],
      },
      { name: 'helpdesk', unsupported: [] },
      {
        name: 'bookings',
        unsupported: [
          'applicant.phone_number (panel/fieldset/form/phoneNumber): customConditional',
        ],
      },
    ])
    .run(async ({ assert }, row) => {
      const { report } = await importShipped(`${FORMS}/${row.name}.json`)
      assert.deepEqual(
        report.unsupported.map((issue) => `${issue.path} (${issue.type}): ${issue.feature}`),
        row.unsupported
      )
    })

  test('inefficiencies: a valid submission is stored with OpenCity keys', async ({ assert }) => {
    const { definition } = await importShipped(`${FORMS}/inefficiencies.json`)
    const result = submit(definition, {
      'address/address/address1': 'Via Roma 1',
      'address/address/city': 'Bugliano',
      'type': '97722683-b117-4dc0-b0c8-bd2611de10bd',
      'subject': 'Buca in strada',
      'details': 'Una buca profonda davanti al civico 1',
      ...APPLICANT_LITE,
    })
    assert.deepEqual(result.errors, {})
    assert.deepEqual(result.data.applicant, {
      completename: { name: 'Mario', surname: 'Rossi' },
      fiscal_code: { fiscal_code: 'RSSMRA80A01H501U' },
      email_address: 'mario.rossi@example.it',
      phone_number: '+39 333 1234567',
    })
    assert.equal(result.data.type, '97722683-b117-4dc0-b0c8-bd2611de10bd')
    assert.deepEqual((result.data.address as any).address.address1, 'Via Roma 1')
  })

  test("inefficiencies: OpenCity's own checks run (name letters, e-mail or phone)", async ({
    assert,
  }) => {
    const { definition } = await importShipped(`${FORMS}/inefficiencies.json`)
    const result = submit(definition, {
      ...APPLICANT_LITE,
      'applicant/completename/name': 'R2D2',
      'applicant/email_address': '',
      'applicant/phone_number': '',
    })
    assert.equal(
      result.errors['applicant/completename/name'],
      'Il nome può contenere solo caratteri alfabetici'
    )
    assert.equal(result.errors['applicant/email_address'], 'Campo richiesto')
    assert.equal(result.errors.subject, 'Campo richiesto')
  })

  test('helpdesk: options from the platform, the service hidden for "Relazioni con il pubblico"', async ({
    assert,
  }) => {
    const { definition } = await importShipped(`${FORMS}/helpdesk.json`)
    const options = (node: FieldNode): Option[] | undefined =>
      node.key === 'category'
        ? [
            { value: '3', label: 'Mobilità', data: { id: '3', name: 'Mobilità' } },
            {
              value: 'c9ead24d-bfe0-4d6c-939d-01c23cf34e73',
              label: 'Relazioni con il pubblico',
              data: {
                id: 'c9ead24d-bfe0-4d6c-939d-01c23cf34e73',
                name: 'Relazioni con il pubblico',
              },
            },
          ]
        : node.key === 'service'
          ? [{ value: '12', label: 'Permesso ZTL', data: { id: '12', name: 'Permesso ZTL' } }]
          : node.options
    const fields = {
      'applicant/completename/name': 'Mario',
      'applicant/completename/surname': 'Rossi',
      'applicant/fiscal_code/fiscal_code': 'RSSMRA80A01H501U',
      'email': 'mario.rossi@example.it',
      'category': '3',
      'service': '12',
      'details': 'Non riesco a pagare',
      'privacy': 'true',
    }
    const read = (posted: Record<string, string>) =>
      evaluateForm(definition, readSubmission(definition, posted, { options }), {
        ...context,
        options,
      })
    const result = read(fields)
    assert.deepEqual(result.errors, {})
    assert.deepEqual(result.data.category, { id: '3', name: 'Mobilità' })
    assert.deepEqual(result.data.service, { id: '12', name: 'Permesso ZTL' })
    assert.deepEqual(result.data.applicant, {
      completename: { name: 'Mario', surname: 'Rossi' },
      fiscal_code: { fiscal_code: 'RSSMRA80A01H501U' },
    })

    const urp = read({ ...fields, category: 'c9ead24d-bfe0-4d6c-939d-01c23cf34e73' })
    assert.notProperty(urp.data, 'service')
  })

  test('bookings: a valid submission keeps OpenCity keys and computes "calendar"', async ({
    assert,
  }) => {
    const { definition } = await importShipped(`${FORMS}/bookings.json`)
    const options = (node: FieldNode): Option[] | undefined =>
      ({
        user_group: [
          {
            value: '7',
            label: 'Anagrafe',
            data: { id: '7', name: 'Anagrafe', calendar_id: 'cal-1' },
          },
        ],
        day: [{ value: '2026-03-20', label: 'venerdì 20 marzo 2026' }],
        time: [
          {
            value: 'oh-1',
            label: '09:00 - 09:30',
            data: { start_time: '09:00', end_time: '09:30', opening_hour: 'oh-1' },
          },
        ],
        service: [
          {
            value: '12',
            label: 'Carta di identità',
            data: { id: '12', name: 'Carta di identità' },
          },
        ],
      })[node.key] ?? node.options
    const posted = {
      user_group: '7',
      day: '2026-03-20',
      time: 'oh-1',
      meeting_id: 'm-9',
      service: '12',
      ...APPLICANT_LITE,
    }
    const result = evaluateForm(definition, readSubmission(definition, posted, { options }), {
      ...context,
      options,
    })
    assert.deepEqual(result.errors, {})
    assert.equal(result.data.calendar, '20/03/2026 @ 09:00-09:30 (cal-1#m-9#oh-1)')
    assert.deepEqual(result.data.user_group, { id: '7', name: 'Anagrafe', calendar_id: 'cal-1' })
    assert.equal((result.data.applicant as any).completename.surname, 'Rossi')
  })
})

test.group("Forms: our blocks keep OpenCity's data keys", () => {
  test('ZTL: Richiedente and Beneficiario have the applicant/beneficiary shape', async ({
    assert,
  }) => {
    const { definition, report } = await importShipped('database/data/forms/services/ztl.json')
    assert.deepEqual(report.unsupported, [])
    const person = (prefix: string) => ({
      [`${prefix}/completename/name`]: 'Mario',
      [`${prefix}/completename/surname`]: 'Rossi',
      [`${prefix}/gender/gender`]: 'maschio',
      [`${prefix}/Born/natoAIl`]: '01/01/1980',
      [`${prefix}/Born/place_of_birth`]: 'Roma',
      [`${prefix}/fiscal_code/fiscal_code`]: 'RSSMRA80A01H501U',
      [`${prefix}/address/address`]: 'Via Roma',
      [`${prefix}/address/house_number`]: '62/A',
      [`${prefix}/address/municipality`]: 'Trento',
      [`${prefix}/address/county`]: 'TN',
      [`${prefix}/address/postal_code`]: '38122',
    })
    const result = submit(definition, {
      'privacy': 'true',
      'role': 'delegato',
      'request_type': 'rinnovo',
      ...person('applicant'),
      'applicant/email_address': 'mario.rossi@example.it',
      'applicant/cell_number': '+39 333 1234567',
      ...person('beneficiary'),
      'vehicles/0/_row': '1',
      'vehicles/0/plate': 'ab 123 cd',
      'vehicles/0/vehicle_type': 'autovettura',
      'duration': 'permanente',
      'start_date': '01/04/2026',
    })
    // the delega files are required once "delegato" is chosen
    assert.deepEqual(Object.keys(result.errors), [
      'delega/identity_document',
      'delega/identity_document_expiry',
      'delega/proxy',
    ])
    const data = result.data as Record<string, any>
    assert.deepEqual(data.applicant.completename, { name: 'Mario', surname: 'Rossi' })
    assert.equal(data.applicant.fiscal_code.fiscal_code, 'RSSMRA80A01H501U')
    assert.equal(data.applicant.email_address, 'mario.rossi@example.it')
    assert.equal(data.applicant.cell_number, '+39 333 1234567')
    assert.equal(data.applicant.gender.gender, 'maschio')
    assert.deepEqual(data.applicant.Born, { natoAIl: '01/01/1980', place_of_birth: 'Roma' })
    assert.deepEqual(data.applicant.address, {
      address: 'Via Roma',
      house_number: '62/A',
      municipality: 'Trento',
      county: 'TN',
      postal_code: '38122',
    })
    assert.deepEqual(Object.keys(data.beneficiary).sort(), [
      'Born',
      'address',
      'completename',
      'fiscal_code',
      'gender',
    ])
    assert.isTrue(data.privacy)
    assert.equal(data.vehicles[0].plate, 'AB123CD')
    assert.equal(data.vehicles_count, 1)
    assert.notProperty(data, 'days')

    const direct = submit(definition, { role: 'richiedente' })
    assert.notProperty(direct.data, 'beneficiary')
    assert.notProperty(direct.errors, 'delega/proxy')
  })
})
