import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import factory from '@adonisjs/lucid/factories'
import Pratica from '#models/pratica'

/** A pratica; give it enteId and serviceId (and citizenId) with merge(). */
export const PraticaFactory = factory
  .define(Pratica, () => ({
    uuid: randomUUID(),
    status: 1000 as const,
    partial: false,
    data: {},
    priority: 0,
    statusChangedAt: DateTime.now(),
  }))
  .state('submitted', (pratica) => {
    pratica.status = 2000
    pratica.submittedAt = DateTime.now()
  })
  .build()
