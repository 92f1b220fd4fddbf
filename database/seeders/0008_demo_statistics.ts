import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import Ente from '#models/ente'
import Service from '#models/service'
import Citizen from '#models/citizen'
import User from '#models/user'
import Pratica from '#models/pratica'
import PraticaStatusChange from '#models/pratica_status_change'
import { checkCharacter } from '#domain/codice_fiscale'
import type { PraticaStatusCode } from '#domain/pratica_status'
import { currentFormVersion } from '#services/forms/form_versions'
import { defineSeeder } from '#services/setup/versioned_seeders'

/**
 * Demo: a year and a half of past pratiche of the Comune di Bugliano (its
 * mobility services, which mario.rossi works, and "Richiesta di accesso
 * agli atti"), so that Statistiche and the Elenco pratiche have something
 * to show. Always the same pratiche: a fixed sequence, no randomness.
 */
const SERVICES = [
  'richiedere-permesso-accesso-area-ztl',
  'permesso-passo-carrabile',
  'richiesta-occupazione-suolo-pubblico',
  'richiesta-accesso-atti',
]

const PEOPLE: Array<[string, string, string]> = [
  ['Anna', 'Neri', 'NRENNA80A41G702'],
  ['Paolo', 'Gialli', 'GLLPLA75B12G702'],
  ['Chiara', 'Russo', 'RSSCHR90C45G702'],
  ['Luca', 'Ferrari', 'FRRLCU68D10G702'],
  ['Sara', 'Esposito', 'SPSSRA85E50G702'],
  ['Marco', 'Romano', 'RMNMRC72H15G702'],
]

/** Where each demo pratica ended: mostly closed, the recent ones still open. */
const OUTCOMES: PraticaStatusCode[] = [7000, 7000, 9000, 7000, 4000, 7000, 20000, 7000]

const MONTHS = 18

export default defineSeeder({
  demo: true,
  async run(trx) {
    const ente = await Ente.query({ client: trx }).where('slug', 'comune-di-bugliano').firstOrFail()
    const services = await Service.query({ client: trx })
      .where('ente_id', ente.id)
      .whereIn('slug', SERVICES)
      .orderBy('id')
    const citizens = []
    for (const [firstName, lastName, first15] of PEOPLE) {
      citizens.push(
        await Citizen.create(
          {
            enteId: ente.id,
            firstName,
            lastName,
            fiscalCode: first15 + checkCharacter(first15),
            email: `${firstName}.${lastName}@example.it`.toLowerCase(),
            identitySource: 'spid',
            lockedFields: [],
          },
          { client: trx }
        )
      )
    }
    // mario.rossi works the mobility services, the manager Lorenzo Bertoli the others
    const staff = await User.query({ client: trx })
      .where('ente_id', ente.id)
      .whereIn('username', ['mario.rossi', 'lorenzo.bertoli'])
    const operatorOf = (service: Service) =>
      staff.find(
        (user) =>
          user.username ===
          (service.slug === 'richiesta-accesso-atti' ? 'lorenzo.bertoli' : 'mario.rossi')
      )!.id
    const versions = new Map<number, number | null>()
    for (const service of services) {
      const version = await currentFormVersion(service, trx)
      versions.set(service.id, version?.id ?? null)
    }

    const now = DateTime.now().setZone('Europe/Rome')
    let n = 0
    for (let monthsAgo = MONTHS; monthsAgo >= 0; monthsAgo--) {
      // a few more each month, and more in spring
      const month = now.minus({ months: monthsAgo }).startOf('month')
      const count = 3 + ((MONTHS - monthsAgo) % 4) + ([3, 4, 5].includes(month.month) ? 3 : 0)
      for (let index = 0; index < count; index++, n++) {
        const sent = month.plus({ days: (index * 7 + n) % 27, hours: 9 + (n % 8) })
        if (sent > now) continue
        const service = services[n % services.length]
        const citizen = citizens[n % citizens.length]
        const outcome = monthsAgo < 1 ? (n % 2 ? 4000 : 2000) : OUTCOMES[n % OUTCOMES.length]
        const changed = DateTime.min(sent.plus({ days: 2 + (n % 9) }), now)
        const pratica = await Pratica.create(
          {
            uuid: randomUUID(),
            enteId: ente.id,
            serviceId: service.id,
            formVersionId: versions.get(service.id) ?? null,
            citizenId: citizen.id,
            status: outcome,
            partial: false,
            data: {
              applicant: {
                completename: { name: citizen.firstName, surname: citizen.lastName },
                fiscal_code: { fiscal_code: citizen.fiscalCode },
                email_address: citizen.email,
              },
            },
            operatorId: [2000, 20000].includes(outcome) ? null : operatorOf(service),
            authMethod: 'spid',
            authLevel: 2,
            priority: n % 3,
            submittedAt: sent,
            statusChangedAt: changed,
            createdAt: sent,
          },
          { client: trx }
        )
        const steps: Array<{
          fromStatus: PraticaStatusCode
          toStatus: PraticaStatusCode
          createdAt: DateTime
        }> = [
          { fromStatus: 1000, toStatus: 1900, createdAt: sent },
          { fromStatus: 1900, toStatus: outcome, createdAt: changed },
        ]
        await PraticaStatusChange.createMany(
          steps.map((step) => ({
            ...step,
            enteId: ente.id,
            praticaId: pratica.id,
            partial: false,
            actorType: 'system' as const,
          })),
          { client: trx }
        )
      }
    }
  },
})
