import factory from '@adonisjs/lucid/factories'
import hash from '@adonisjs/core/services/hash'
import User from '#models/user'
import { slugify } from '#domain/slug'

/** Staff accounts; the password of every factory user is "Password.2026". */
export const TEST_PASSWORD = 'Password.2026'
let hashedPassword: string | null = null

export const UserFactory = factory
  .define(User, async ({ faker }) => {
    hashedPassword ??= await hash.make(TEST_PASSWORD)
    const firstName = faker.person.firstName()
    const lastName = faker.person.lastName()
    return {
      role: 'operator' as const,
      // as the Operatori form accepts them: lower case letters, digits, dots
      username:
        `${slugify(firstName)}.${slugify(lastName)}.${faker.string.alphanumeric(4)}`.toLowerCase(),
      email:
        `${slugify(firstName)}.${slugify(lastName)}.${faker.string.alphanumeric(4)}@example.it`.toLowerCase(),
      firstName,
      lastName,
      password: hashedPassword,
      isEnabled: true,
    }
  })
  .state('manager', (user) => (user.role = 'manager'))
  .state('enteAdmin', (user) => (user.role = 'ente_admin'))
  .state('platformAdmin', (user) => {
    user.role = 'platform_admin'
    user.enteId = null
  })
  .state('disabled', (user) => (user.isEnabled = false))
  .build()
