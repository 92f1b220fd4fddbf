import hash from '@adonisjs/core/services/hash'
import env from '#start/env'
import Ente from '#models/ente'
import Office from '#models/office'
import Service from '#models/service'
import User from '#models/user'
import { defineSeeder } from '#services/setup/versioned_seeders'

/**
 * Demo of the operator's pratica page in the Comune di Bugliano: the ZTL
 * permit allows partial approval and assigns its pratiche automatically by
 * "Specifica la durata del permesso" (temporaneo → Ufficio Mobilità,
 * permanente → Ufficio Tecnico), and a second operator of the Ufficio
 * Mobilità, laura.conti, works it with mario.rossi (assignment, Subentra).
 */
export default defineSeeder({
  demo: true,
  async run(trx) {
    const ente = await Ente.query({ client: trx }).where('slug', 'comune-di-bugliano').firstOrFail()
    const offices = await Office.query({ client: trx })
      .where('ente_id', ente.id)
      .whereIn('name', ['Ufficio Mobilità', 'Ufficio Tecnico'])
    const office = (name: string) => offices.find((candidate) => candidate.name === name)!
    const ztl = await Service.query({ client: trx })
      .where('ente_id', ente.id)
      .where('slug', 'richiedere-permesso-accesso-area-ztl')
      .firstOrFail()
    ztl.allowPartialApproval = true
    ztl.autoAssignment = {
      fieldKey: 'duration',
      offices: {
        temporaneo: office('Ufficio Mobilità').id,
        permanente: office('Ufficio Tecnico').id,
      },
    }
    await ztl.useTransaction(trx).save()

    const laura = await User.create(
      {
        enteId: ente.id,
        role: 'operator',
        username: 'laura.conti',
        email: `laura.conti@${ente.slug}.example.it`,
        firstName: 'Laura',
        lastName: 'Conti',
        password: await hash.make(env.get('DEMO_PASSWORD', 'Bugliano.2026')),
        isEnabled: true,
      },
      { client: trx }
    )
    await laura.related('services').attach([ztl.id], trx)
    await laura.related('offices').attach([office('Ufficio Mobilità').id], trx)
  },
})
