import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import Ente from '#models/ente'
import User from '#models/user'
import Office from '#models/office'
import Service from '#models/service'
import Category from '#models/category'
import { newServiceSettings } from '#domain/service_settings'
import { partitaIvaCheckDigit } from '#domain/partita_iva'
import { createEnte } from '#services/enti/create_ente'

/**
 * The bench database: many enti, each with a realistic catalogue and
 * staff. Sized by BENCH_ENTI and BENCH_SERVICES_PER_ENTE; runs once (an
 * existing bench-ente-1 means the data is there).
 */
export async function seedBenchData(options: { enti: number; servicesPerEnte: number }) {
  if (await Ente.findBy('slug', 'bench-ente-1')) return false

  const password = await hash.make('Bench.2026')
  for (let index = 1; index <= options.enti; index++) {
    await db.transaction(async (trx) => {
      const ente = await createEnte(
        {
          slug: `bench-ente-${index}`,
          name: `Comune Bench ${index}`,
          codiceFiscale: withCheckDigit(String(8000000000 + index)),
        },
        trx
      )
      const categories = await Category.forEnte(ente).useTransaction(trx)
      const offices = await Office.createMany(
        Array.from({ length: 10 }, (_, n) => ({
          enteId: ente.id,
          name: `Ufficio ${n + 1}`,
          openingHours: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '12:30' }],
        })),
        { client: trx }
      )
      const services = await Service.createMany(
        Array.from({ length: options.servicesPerEnte }, (_, n) => ({
          enteId: ente.id,
          slug: `servizio-${n + 1}`,
          name: `Servizio numero ${n + 1}`,
          categoryId: categories[n % categories.length].id,
          content: { it: { descrizione_breve: `Descrizione breve del servizio numero ${n + 1}.` } },
          ...newServiceSettings(),
        })),
        { client: trx }
      )
      for (const [n, service] of services.entries()) {
        await service.related('offices').attach([offices[n % offices.length].id], trx)
      }
      await User.createMany(
        Array.from({ length: 30 }, (_, n) => ({
          enteId: ente.id,
          role: n === 0 ? ('manager' as const) : ('operator' as const),
          username: `operatore.${n + 1}`,
          email: `operatore.${n + 1}@bench-ente-${index}.example.it`,
          firstName: 'Operatore',
          lastName: String(n + 1),
          password,
          isEnabled: true,
        })),
        { client: trx }
      )
    })
  }
  return true
}

const withCheckDigit = (first10: string) => first10 + partitaIvaCheckDigit(first10)
