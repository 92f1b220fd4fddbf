import factory from '@adonisjs/lucid/factories'
import Ente from '#models/ente'

export const EnteFactory = factory
  .define(Ente, ({ faker }) => {
    const slug = `comune-${faker.string.alpha({ length: 8, casing: 'lower' })}`
    return {
      slug,
      name: `Comune di ${faker.location.city()}`,
      codiceFiscale: faker.string.numeric(11),
      codiceIpa: `c_${faker.string.alpha({ length: 4, casing: 'lower' })}`,
      languages: ['it' as const],
      isActive: true,
    }
  })
  .build()
