import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * `pnp_posizioni` is the adapter's ledger: the position this platform
 * loaded on Plug&Pay for each idempotency key, with the IUV it gave it,
 * and when it removed it (Plug&Pay stops reporting a removed position).
 *
 * `pnp_sim_*` are the simulator's storage (development and tests only):
 * the simulated Plug&Pay's positions and checkout transactions.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('pnp_posizioni', (table) => {
      table.increments('id')
      table.integer('ente_id').notNullable()
      // SHA-256 (hex) of the idempotency key
      table.string('chiave', 64).notNullable()
      // filled in the same transaction, once the row id gives the IUV
      table.string('iuv', 35).nullable()
      table.text('dati').nullable()
      table.timestamp('annullata_il').nullable()
      table.timestamp('created_at').notNullable()
      table.unique(['ente_id', 'chiave'])
      table.unique(['ente_id', 'iuv'])
    })

    this.schema.createTable('pnp_sim_posizioni', (table) => {
      table.increments('id')
      table.string('codice_ente', 35).notNullable()
      table.string('iuv', 35).notNullable()
      table.string('debitore', 35).notNullable()
      // the position as loaded (PosizioneDati, JSON)
      table.text('dati').notNullable()
      table.integer('importo_cents').notNullable()
      table.string('data_scadenza', 25).nullable()
      // NonPagata | Pagata
      table.string('stato', 20).notNullable()
      table.timestamp('rimossa_il').nullable()
      table.timestamp('pagato_il').nullable()
      table.string('receipt_id', 35).nullable()
      table.timestamp('created_at').notNullable()
      table.unique(['codice_ente', 'iuv'])
      table.index(['codice_ente', 'debitore'])
    })

    this.schema.createTable('pnp_sim_transazioni', (table) => {
      // IdTransazione, a guid
      table.string('id', 36).primary()
      table.string('codice_ente', 35).notNullable()
      // JSON list of the IUVs paid together
      table.text('iuv').notNullable()
      table.text('url_back').notNullable()
      table.text('url_return').notNullable()
      // aperta | pagata | annullata
      table.string('stato', 12).notNullable()
      table.timestamp('created_at').notNullable()
    })
  }

  async down() {
    this.schema.dropTable('pnp_sim_transazioni')
    this.schema.dropTable('pnp_sim_posizioni')
    this.schema.dropTable('pnp_posizioni')
  }
}
