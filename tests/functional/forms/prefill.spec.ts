import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { CitizenFactory } from '#factories/citizen_factory'
import { applicantPrefill, prefilledFromIdentityProvider } from '#services/forms/prefill'
import { startForm } from '#services/forms/form_page'
import { presentForm } from '#services/forms/form_presenter'
import { serviceWithForm } from './helpers.js'

test.group('Forms: prefill from the profile', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the Richiedente of the ZTL form starts from the citizen, in OpenCity keys', async ({
    assert,
  }) => {
    const { ente, version } = await serviceWithForm('database/data/forms/services/ztl.json')
    const citizen = await CitizenFactory.merge({
      enteId: ente.id,
      firstName: 'Lorenzo',
      lastName: 'Bertoli',
      fiscalCode: 'BRTLNZ80A01L378X',
      gender: 'M',
      birthDate: DateTime.fromISO('1980-01-01'),
      birthPlace: 'Trento',
      email: 'lorenzo@example.it',
      residenceMunicipality: 'Trento',
      residenceCounty: 'TN',
    }).create()
    const page = await startForm(ente, version, {
      prefill: applicantPrefill(citizen),
      identityNote: prefilledFromIdentityProvider(citizen),
    })
    const applicant = page.values.applicant as Record<string, any>
    assert.deepEqual(applicant.completename, { name: 'Lorenzo', surname: 'Bertoli' })
    assert.equal(applicant.fiscal_code.fiscal_code, 'BRTLNZ80A01L378X')
    assert.equal(applicant.gender.gender, 'maschio')
    assert.deepEqual(applicant.Born, { natoAIl: '01/01/1980', place_of_birth: 'Trento' })
    assert.equal(applicant.email_address, 'lorenzo@example.it')
    assert.containsSubset(applicant.address, { municipality: 'Trento', county: 'TN' })
    const form = await presentForm(page)
    assert.equal(form.identityNote, prefilledFromIdentityProvider(citizen))
  })
})
