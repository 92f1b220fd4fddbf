import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The simulated Plug&Pay's enabled applications: an ente's code bound to
 * the IdApplicazione it first used (SHA-256), so that another one is refused
 * as Plug&Pay refuses an application it did not enable.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('pnp_sim_applicazioni', (table) => {
      table.string('codice_ente', 35).primary()
      table.string('id_applicazione', 64).notNullable()
      table.timestamp('created_at').notNullable()
    })
  }

  async down() {
    this.schema.dropTable('pnp_sim_applicazioni')
  }
}
