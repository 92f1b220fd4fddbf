import factory from '@adonisjs/lucid/factories'
import Office from '#models/office'

export const OfficeFactory = factory
  .define(Office, ({ faker }) => ({
    name: `Ufficio ${faker.lorem.word()} ${faker.string.alphanumeric(4)}`,
    address: faker.location.streetAddress(),
    city: faker.location.city(),
    postalCode: faker.location.zipCode('#####'),
    email: faker.internet.email().toLowerCase(),
    phone: faker.phone.number(),
    openingHours: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '12:30' }],
  }))
  .build()
