import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The simulated Advanced System gateway's storage (development and tests
 * only). The adapter itself keeps nothing: the gateway holds one position
 * per ente reference and makes its IUV.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('as_sim_enti', (table) => {
      table.string('codice_ente', 35).primary()
      // SHA-256 (hex) of the API key the ente first used
      table.string('chiave', 64).notNullable()
      table.timestamp('created_at').notNullable()
    })

    this.schema.createTable('as_sim_posizioni', (table) => {
      table.increments('id')
      table.string('codice_ente', 35).notNullable()
      table.string('riferimento', 35).notNullable()
      table.string('iuv', 17).nullable()
      table.string('debitore', 16).notNullable()
      // the position as created (NuovaPosizione, JSON)
      table.text('dati').notNullable()
      table.string('fine_validita', 10).notNullable()
      // DA_PAGARE | IN_PAGAMENTO | PAGATA | ANNULLATA
      table.string('stato', 12).notNullable()
      table.timestamp('pagato_il').nullable()
      table.string('id_ricevuta', 35).nullable()
      table.timestamp('created_at').notNullable()
      table.unique(['codice_ente', 'riferimento'])
      table.unique(['codice_ente', 'iuv'])
      table.index(['codice_ente', 'debitore'])
    })

    this.schema.createTable('as_sim_carrelli', (table) => {
      table.string('id', 36).primary()
      table.string('codice_ente', 35).notNullable()
      // JSON list of the IUVs paid together
      table.text('iuv').notNullable()
      table.text('url_ok').notNullable()
      table.text('url_ko').notNullable()
      // aperto | pagato | abbandonato
      table.string('stato', 12).notNullable()
      table.timestamp('created_at').notNullable()
    })
  }

  async down() {
    this.schema.dropTable('as_sim_carrelli')
    this.schema.dropTable('as_sim_posizioni')
    this.schema.dropTable('as_sim_enti')
  }
}
