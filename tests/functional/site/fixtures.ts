import Category from '#models/category'
import type Ente from '#models/ente'
import { EnteFactory } from '#factories/ente_factory'
import { ServiceFactory } from '#factories/service_factory'

/**
 * An ente with contacts, one topic and two published services: what the
 * public pages need to show something real.
 */
export async function createSiteEnte(
  attributes: Partial<Pick<Ente, 'name' | 'languages' | 'website'>> = {}
) {
  const ente = await EnteFactory.merge({
    address: 'Piazza del Municipio 1, 56040 Prova (PI)',
    email: 'info@comune.prova.it',
    pec: 'comune.prova@pec.it',
    phone: '050 123456',
    ...attributes,
  }).create()
  const category = await Category.create({
    enteId: ente.id,
    name: 'Mobilità e trasporti',
    slug: 'mobilita-e-trasporti',
    description: 'Parcheggi, viabilità, automobili e trasporto pubblico.',
  })
  const services = await ServiceFactory.merge([
    {
      enteId: ente.id,
      categoryId: category.id,
      name: 'Richiedere permesso di accesso ad area ZTL',
      slug: 'permesso-ztl',
      content: {
        it: {
          descrizione_breve: 'Il servizio permette di ottenere un permesso di accesso alla ZTL.',
          come_fare: 'Accedi con SPID o CIE e compila la domanda.',
        },
        en: {
          nome: 'Apply for a restricted traffic zone permit',
          descrizione_breve: 'Get a ZTL permit.',
        },
      },
    },
    {
      enteId: ente.id,
      categoryId: null,
      name: 'Segnalare un disservizio',
      slug: 'segnalare-disservizio',
      content: { it: { descrizione_breve: 'Il servizio permette di segnalare un disservizio.' } },
    },
  ]).createMany(2)
  return { ente, category, services }
}
