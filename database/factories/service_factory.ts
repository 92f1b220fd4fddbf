import factory from '@adonisjs/lucid/factories'
import Service from '#models/service'
import { newServiceSettings } from '#domain/service_settings'

export const ServiceFactory = factory
  .define(Service, ({ faker }) => {
    const name = `Servizio ${faker.lorem.words(3)}`
    return {
      name,
      slug: `${faker.helpers.slugify(name).toLowerCase()}-${faker.string.alphanumeric(4).toLowerCase()}`,
      content: { it: { descrizione_breve: faker.lorem.sentence() } },
      ...newServiceSettings(),
    }
  })
  .build()
