import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The simulated gateway's outcome push (development and tests only): where
 * each ente wants it and the key that signs it, as the ente sets them in
 * the gateway's back office.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('as_sim_enti', (table) => {
      // an absolute URL, or a path on the platform the simulator runs in
      table.text('url_notifica').nullable()
      // kept in clear: the simulator signs with it
      table.string('chiave_notifica', 128).nullable()
    })
  }

  async down() {
    this.schema.alterTable('as_sim_enti', (table) => {
      table.dropColumn('url_notifica')
      table.dropColumn('chiave_notifica')
    })
  }
}
