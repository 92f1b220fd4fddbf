import factory from '@adonisjs/lucid/factories'
import Citizen from '#models/citizen'

export const CitizenFactory = factory
  .define(Citizen, ({ faker }) => ({
    fiscalCode: faker.string.alphanumeric({ length: 16, casing: 'upper' }),
    firstName: faker.person.firstName(),
    lastName: faker.person.lastName(),
    email: faker.internet.email().toLowerCase(),
    identitySource: 'spid' as const,
  }))
  .build()
