import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import type { ApiResponse } from '@japa/api-client'
import AuditLog from '#models/audit_log'
import type Ente from '#models/ente'
import type User from '#models/user'
import { EnteFactory } from '#factories/ente_factory'
import { praticaSubject, recordAudit, type AuditAction } from '#services/audit/audit_log'
import { pageText } from '#tests/functional/identity/helpers'
import { csvRows, staff } from '#tests/functional/backoffice_list/helpers'

const PRATICA = '0b7e4c2a-5d1f-4e8a-9c3b-7a6f5e4d3c2b'

async function entry(
  ente: Ente,
  actor: User | null,
  action: AuditAction,
  at: string,
  extra: Partial<Parameters<typeof recordAudit>[0]> = {}
) {
  const created = await recordAudit({
    action,
    enteId: ente.id,
    actor,
    origin: { ip: '192.0.2.10', userAgent: 'Mozilla/5.0 (Test)' },
    ...extra,
  })
  // Lucid writes a DateTime's wall clock: give it the process's zone, as the app's own are
  created.createdAt = DateTime.fromISO(at, { zone: 'Europe/Rome' }).toLocal()
  await created.save()
  return created
}

/** Each row of the log as "operatore | azione | oggetto". */
function listed(response: ApiResponse) {
  const body = pageText(response).match(
    /<table class="[^"]*audit-log[^"]*">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/
  )
  if (!body) return []
  return [...body[1].matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => {
    const cells = [...row[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) =>
      cell[1]
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
    )
    return `${cells[1]} | ${cells[2]} | ${cells[3]}`.trim()
  })
}

const url = (ente: Ente) => `/${ente.slug}/backoffice/impostazioni/registro`

async function seeded() {
  const ente = await EnteFactory.create()
  const admin = await staff(ente, 'enteAdmin')
  const mario = await staff(ente)
  mario.merge({ firstName: 'Mario', lastName: 'Rossi', username: 'mario.rossi' })
  await mario.save()
  const giulia = await staff(ente, 'manager')
  giulia.merge({ firstName: 'Giulia', lastName: 'Verdi', username: 'giulia.verdi' })
  await giulia.save()
  await entry(ente, mario, 'login_succeeded', '2025-03-01T08:00:00')
  await entry(ente, mario, 'pratica_taken_in_charge', '2025-03-01T09:15:00', {
    subject: praticaSubject({ uuid: PRATICA }),
  })
  await entry(ente, mario, 'pratica_approved', '2025-03-02T10:00:00', {
    subject: praticaSubject({ uuid: PRATICA }),
    metadata: { partial: true, attachments: ['esito.pdf'] },
  })
  await entry(ente, giulia, 'operator_disabled', '2025-03-05T11:00:00', {
    subject: { type: 'user', id: mario.id, label: 'Mario Rossi (mario.rossi)' },
  })
  await entry(ente, null, 'login_failed', '2025-03-06T12:00:00', {
    metadata: { username: 'mrossi' },
  })
  const other = await EnteFactory.create()
  await entry(other, await staff(other), 'pratica_rejected', '2025-03-03T10:00:00', {
    subject: { type: 'pratica', id: 'altrove-0000', label: null },
  })
  return { ente, admin, mario, giulia, other }
}

test.group('Registro delle attività (audit log viewer)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the ente admin reads who did what, to which pratica, when and from where, newest first', async ({
    client,
    assert,
  }) => {
    const { ente, admin } = await seeded()

    const response = await client.get(url(ente)).loginAs(admin)

    response.assertStatus(200)
    assert.deepEqual(listed(response), [
      'Anonimo | Accesso non riuscito |',
      'Giulia Verdi (giulia.verdi) | Operatore disabilitato | Mario Rossi (mario.rossi)',
      `Mario Rossi (mario.rossi) | Approvazione | Pratica ${PRATICA}`,
      `Mario Rossi (mario.rossi) | Presa in carico | Pratica ${PRATICA}`,
      'Mario Rossi (mario.rossi) | Accesso |',
    ])
    const html = pageText(response)
    assert.include(html, `href="/${ente.slug}/backoffice/pratiche/${PRATICA}"`)
    assert.include(html, '02/03/2025 10:00:00')
    assert.include(html, 'parziale: sì; allegati: esito.pdf')
    assert.include(html, '192.0.2.10')
    assert.include(html, 'Mozilla/5.0 (Test)')
    assert.include(html, 'Vista da 1 a 5 di 5 attività')
    assert.notInclude(html, 'altrove-0000', "another ente's entries never show")
  })

  test('filtered by operatore, azione and periodo; a wrong date is reported and kept', async ({
    client,
    assert,
  }) => {
    const { ente, admin, mario } = await seeded()

    const byMario = await client.get(url(ente)).qs({ operatore: mario.id }).loginAs(admin)
    assert.lengthOf(listed(byMario), 3)

    const approvals = await client.get(url(ente)).qs({ azione: 'pratica_approved' }).loginAs(admin)
    assert.deepEqual(listed(approvals), [
      `Mario Rossi (mario.rossi) | Approvazione | Pratica ${PRATICA}`,
    ])

    const days = await client
      .get(url(ente))
      .qs({ dal: '2025-03-02', al: '2025-03-05' })
      .loginAs(admin)
    assert.deepEqual(
      listed(days).map((row) => row.split(' | ')[1]),
      ['Operatore disabilitato', 'Approvazione']
    )

    const wrong = await client
      .get(url(ente))
      .qs({ dal: '2025-02-30', operatore: mario.id })
      .loginAs(admin)
    wrong.assertStatus(200)
    const html = pageText(wrong)
    assert.include(
      html,
      'id="audit-dal-error" class="invalid-feedback d-block">Inserisci una data valida'
    )
    assert.match(html, /id="audit-dal" name="dal" value="2025-02-30"/)
    assert.lengthOf(listed(wrong), 3, 'the other filters still apply')
  })

  test('fifty a page, with Precedente / Successivo keeping the filters', async ({
    client,
    assert,
  }) => {
    const { ente, admin, giulia } = await seeded()
    for (let index = 0; index < 55; index++) {
      await entry(
        ente,
        giulia,
        'pratica_note_added',
        `2025-04-01T10:${String(index).padStart(2, '0')}:00`
      )
    }

    const first = await client.get(url(ente)).qs({ operatore: giulia.id }).loginAs(admin)
    assert.lengthOf(listed(first), 50)
    first.assertTextIncludes('Vista da 1 a 50 di 56 attività')
    const html = pageText(first)
    assert.include(html, `href="${url(ente)}?operatore=${giulia.id}&page=2"`)

    const second = await client.get(url(ente)).qs({ operatore: giulia.id, page: 2 }).loginAs(admin)
    assert.lengthOf(listed(second), 6)
    second.assertTextIncludes('Vista da 51 a 56 di 56 attività')
  })

  test('"Esporta CSV": the filtered entries in DESIGN\'s format, and the export itself is logged', async ({
    client,
    assert,
  }) => {
    const { ente, admin, mario } = await seeded()

    const response = await client
      .get(`${url(ente)}/esporta`)
      .qs({ operatore: mario.id })
      .loginAs(admin)

    response.assertStatus(200)
    assert.include(response.header('content-type'), 'text/csv')
    assert.match(
      response.header('content-disposition') ?? '',
      /attachment; filename="registro-attivita-/
    )
    const rows = csvRows(response)
    assert.deepEqual(rows[0], [
      'Data e ora',
      'Operatore',
      'Azione',
      'Oggetto',
      'Dettagli',
      'Indirizzo IP',
      'Browser',
    ])
    assert.deepEqual(rows[1], [
      '02/03/2025 10:00',
      'Mario Rossi (mario.rossi)',
      'Approvazione',
      `Pratica ${PRATICA}`,
      'parziale: sì; allegati: esito.pdf',
      '192.0.2.10',
      'Mozilla/5.0 (Test)',
    ])
    assert.lengthOf(rows, 5)
    assert.equal(rows[4][0], 'Conta: 3')

    const logged = await AuditLog.query().where('action', 'audit_exported').firstOrFail()
    assert.equal(logged.actorId, admin.id)
    assert.equal(logged.enteId, ente.id)
  })

  test("operators, managers and another ente's admin get 404 on the page and on its CSV", async ({
    client,
    assert,
  }) => {
    const { ente, mario, giulia, other } = await seeded()
    const outsider = await staff(other, 'enteAdmin')

    for (const user of [mario, giulia, outsider]) {
      for (const address of [
        url(ente),
        `${url(ente)}/esporta`,
        `/${ente.slug}/backoffice/impostazioni`,
      ]) {
        const response = await client.get(address).loginAs(user)
        response.assertStatus(404)
        assert.notInclude(response.text(), PRATICA)
      }
    }
    assert.lengthOf(await AuditLog.query().where('action', 'audit_exported'), 0)
  })

  test('"Impostazioni" leads to the plugins, the reconciliation of payments and the registro', async ({
    client,
  }) => {
    const { ente, admin } = await seeded()
    const response = await client.get(`/${ente.slug}/backoffice/impostazioni`).loginAs(admin)
    response.assertStatus(200)
    response.assertTextIncludes(`href="/${ente.slug}/backoffice/impostazioni/plugin"`)
    response.assertTextIncludes(`href="/${ente.slug}/backoffice/impostazioni/registro"`)
    response.assertTextIncludes(
      `href="/${ente.slug}/backoffice/impostazioni/riconciliazione-pagamenti"`
    )
  })
})
