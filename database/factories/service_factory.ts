import factory from '@adonisjs/lucid/factories'
import Service from '#models/service'

export const ServiceFactory = factory
  .define(Service, ({ faker }) => {
    const name = `Servizio ${faker.lorem.words(3)}`
    return {
      name,
      slug: `${faker.helpers.slugify(name).toLowerCase()}-${faker.string.alphanumeric(4).toLowerCase()}`,
      content: { it: { descrizione_breve: faker.lorem.sentence() } },
      status: 'published' as const,
      minAuthLevel: 2 as const,
      workflow: 'approval' as const,
      maxResponseDays: 30,
      protocolRequired: false,
      paymentSettings: { atRequest: [], deferred: [] },
      stampSettings: { atRequest: [], atRelease: false },
      allowWithdrawal: true,
      allowIntegrationRequests: true,
      allowPartialApproval: false,
      autoAssignment: null,
      messageTemplates: {},
      receiptText: {},
      appIoSettings: null,
    }
  })
  .build()
