import hash from '@adonisjs/core/services/hash'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import env from '#start/env'
import Ente from '#models/ente'
import User from '#models/user'
import Office from '#models/office'
import Service from '#models/service'
import Category from '#models/category'
import ServiceGroup from '#models/service_group'
import GeographicArea from '#models/geographic_area'
import { createEnte } from '#services/enti/create_ente'
import { defineSeeder } from '#services/setup/versioned_seeders'
import {
  BUGLIANO_OFFICES,
  BUGLIANO_SERVICES,
  type DemoService,
} from '#database/data/demo/bugliano_services'
import type { Role } from '#domain/roles'
import { newServiceSettings } from '#domain/service_settings'

/**
 * Demo: Comune di Bugliano with the manual's services, offices and users,
 * and a second ente (Comune di Esempio) with its own operator, for the
 * cross-ente checks. Every demo password is DEMO_PASSWORD.
 */
export default defineSeeder({
  demo: true,
  async run(trx) {
    const password = await hash.make(env.get('DEMO_PASSWORD', 'Bugliano.2026'))

    await User.create(
      {
        enteId: null,
        role: 'platform_admin',
        username: 'admin',
        email: 'admin@stanza.localhost',
        firstName: 'Amministratore',
        lastName: 'Piattaforma',
        password,
        isEnabled: true,
      },
      { client: trx }
    )

    const bugliano = await createEnte(
      {
        slug: 'comune-di-bugliano',
        name: 'Comune di Bugliano',
        codiceFiscale: '80001230509',
        codiceIpa: 'c_bugl',
        email: 'info@comune.bugliano.pi.it',
        pec: 'comune.bugliano@postacert.toscana.it',
        phone: '050 123456',
        address: 'Piazza del Municipio 1, 56040 Bugliano (PI)',
        website: 'https://www.comune.bugliano.pi.it',
        languages: ['it', 'en', 'de'],
      },
      trx
    )
    const offices = await createOffices(bugliano, BUGLIANO_OFFICES, trx)
    const group = await ServiceGroup.create(
      {
        enteId: bugliano.id,
        name: 'Pagamenti di tributi e canoni',
        slug: 'pagamenti',
        description: 'Tributi, canoni e tariffe da pagare online con pagoPA.',
      },
      { client: trx }
    )
    const areas = await GeographicArea.createMany(
      ['Capoluogo', 'Frazione Pian di Bugliano', 'Zona industriale'].map((name) => ({
        enteId: bugliano.id,
        name,
      })),
      { client: trx }
    )
    const services = await createServices(bugliano, BUGLIANO_SERVICES, { offices, group }, trx)
    for (const service of services) {
      await service.related('geographicAreas').attach(
        areas.map((area) => area.id),
        trx
      )
    }

    await createStaff(bugliano, 'ente_admin', 'admin.bugliano', 'Anna', 'Guidi', password, trx)
    const manager = await createStaff(
      bugliano,
      'manager',
      'lorenzo.bertoli',
      'Lorenzo',
      'Bertoli',
      password,
      trx
    )
    await manager.related('services').attach(
      services.map((service) => service.id),
      trx
    )
    await manager.related('offices').attach([offices.get('Ufficio Segreteria')!.id], trx)

    const operator = await createStaff(
      bugliano,
      'operator',
      'mario.rossi',
      'Mario',
      'Rossi',
      password,
      trx
    )
    const mobility = services.filter((service) =>
      [
        'richiedere-permesso-accesso-area-ztl',
        'richiesta-modifica-temporanea-viabilita',
        'permesso-passo-carrabile',
        'richiesta-occupazione-suolo-pubblico',
      ].includes(service.slug)
    )
    await operator.related('services').attach(
      mobility.map((service) => service.id),
      trx
    )
    await operator
      .related('offices')
      .attach([offices.get('Ufficio Mobilità')!.id, offices.get('Ufficio Tecnico')!.id], trx)

    const esempio = await createEnte(
      {
        slug: 'comune-di-esempio',
        name: 'Comune di Esempio',
        codiceFiscale: '80004560126',
        codiceIpa: 'c_esem',
        email: 'protocollo@comune.esempio.it',
        address: 'Via Roma 1, 00100 Esempio',
        languages: ['it'],
      },
      trx
    )
    const esempioOffices = await createOffices(esempio, ['Ufficio Mobilità', 'Ufficio Urp'], trx)
    const esempioServices = await createServices(
      esempio,
      BUGLIANO_SERVICES.filter((service) =>
        ['richiedere-permesso-accesso-area-ztl', 'segnalare-disservizio'].includes(service.slug)
      ),
      { offices: esempioOffices },
      trx
    )
    await createStaff(esempio, 'ente_admin', 'admin.esempio', 'Elena', 'Conti', password, trx)
    const esempioOperator = await createStaff(
      esempio,
      'operator',
      'giulia.verdi',
      'Giulia',
      'Verdi',
      password,
      trx
    )
    await esempioOperator.related('services').attach(
      esempioServices.map((service) => service.id),
      trx
    )
  },
})

async function createOffices(ente: Ente, names: string[], trx: TransactionClientContract) {
  const offices = await Office.createMany(
    names.map((name) => ({
      enteId: ente.id,
      name,
      address: ente.address?.split(',')[0] ?? null,
      postalCode: ente.address?.match(/\b\d{5}\b/)?.[0] ?? null,
      city: ente.name.replace(/^Comune di /, ''),
      email: `${name
        .replace(/^Ufficio /, '')
        .toLowerCase()
        .replace(/[^a-z]+/g, '.')}@${ente.slug}.example.it`,
      phone: ente.phone,
      openingHours: [
        { days: [1, 3, 5], from: '09:00', to: '12:30' },
        { days: [2, 4], from: '15:00', to: '17:30' },
      ],
    })),
    { client: trx }
  )
  return new Map(offices.map((office) => [office.name, office]))
}

async function createServices(
  ente: Ente,
  definitions: DemoService[],
  related: { offices: Map<string, Office>; group?: ServiceGroup },
  trx: TransactionClientContract
) {
  const categories = await Category.forEnte(ente).useTransaction(trx)
  const categoryBySlug = new Map(categories.map((category) => [category.slug, category]))
  const services: Service[] = []

  for (const definition of definitions) {
    const service = await Service.create(
      {
        enteId: ente.id,
        slug: definition.slug,
        name: definition.name,
        categoryId: categoryBySlug.get(definition.category)?.id ?? null,
        serviceGroupId: definition.group && related.group ? related.group.id : null,
        content: { it: { nome: definition.name, ...definition.scheda } },
        ...newServiceSettings(),
        minAuthLevel: definition.minAuthLevel,
        maxResponseDays: definition.maxResponseDays,
        allowPartialApproval: definition.slug === 'richiedere-permesso-accesso-area-ztl',
      },
      { client: trx }
    )
    const officeIds = definition.offices
      .map((name) => related.offices.get(name)?.id)
      .filter((id): id is number => id !== undefined)
    await service.related('offices').attach(officeIds, trx)
    services.push(service)
  }
  return services
}

function createStaff(
  ente: Ente,
  role: Role,
  username: string,
  firstName: string,
  lastName: string,
  password: string,
  trx: TransactionClientContract
) {
  return User.create(
    {
      enteId: ente.id,
      role,
      username,
      email: `${username}@${ente.slug}.example.it`,
      firstName,
      lastName,
      password,
      isEnabled: true,
    },
    { client: trx }
  )
}
