import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * `iris_posizioni` is the adapter's ledger: the pendenza this platform sent
 * to IRIS for each idempotency key, with the IUV it gave it. IRIS has no
 * operation that reads a pendenza back, yet the checkout (an OTF Insert)
 * must resend it whole and the avviso needs its data.
 *
 * `iris_sim_*` are the simulator's storage (development and tests only):
 * the simulated IRIS's pendenze, processed message ids, gateway sessions
 * and payment notifications (IdpInformativaPagamento).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('iris_posizioni', (table) => {
      table.increments('id')
      table.integer('ente_id').notNullable()
      // SHA-256 (hex) of the idempotency key
      table.string('chiave', 64).notNullable()
      // filled in the same transaction, once the row id gives the IUV
      table.string('id_pendenza', 35).nullable()
      table.string('iuv', 35).nullable()
      table.string('codice_avviso', 18).nullable()
      table.text('dati').nullable()
      table.timestamp('created_at').notNullable()
      table.unique(['ente_id', 'chiave'])
      table.unique(['ente_id', 'id_pendenza'])
      table.index(['ente_id', 'iuv'])
    })

    this.schema.createTable('iris_sim_pendenze', (table) => {
      table.increments('id')
      table.string('codice_ente', 35).notNullable()
      table.string('id_pendenza', 35).notNullable()
      table.string('tipo_pendenza', 35).notNullable()
      table.string('id_pagamento', 35).notNullable()
      table.string('debitore', 35).notNullable()
      table.string('debitore_nome', 70).nullable()
      table.text('causale').notNullable()
      table.integer('importo_cents').notNullable()
      table.date('data_scadenza').notNullable()
      table.date('data_fine_validita').notNullable()
      // aperta | pagata
      table.string('stato', 12).notNullable()
      // the last attempt that did not pay: PAG_ANNULLATO (left the gateway), PAG_NON_ESEGUITO (refused)
      table.string('ultimo_tentativo', 20).nullable()
      // the DatiMBD.txt of an E_BOLLO payment
      table.text('dati_mbd').nullable()
      table.timestamp('pagato_il').nullable()
      table.string('id_transazione', 35).nullable()
      table.string('iubd', 14).nullable()
      table.timestamp('created_at').notNullable()
      table.unique(['codice_ente', 'id_pendenza'])
      table.unique(['codice_ente', 'id_pagamento'])
    })

    this.schema.createTable('iris_sim_messaggi', (table) => {
      table.string('codice_ente', 35).notNullable()
      table.string('e2e_msg_id', 44).notNullable()
      table.timestamp('created_at').notNullable()
      table.primary(['codice_ente', 'e2e_msg_id'])
    })

    this.schema.createTable('iris_sim_sessioni', (table) => {
      table.string('token', 64).primary()
      table.string('codice_ente', 35).notNullable()
      // the ente's application (E2ESndrSys), receiver of the push
      table.string('codice_applicazione', 35).notNullable()
      table.text('url_back').notNullable()
      table.text('url_cancel').notNullable()
      // JSON list of the IdPagamento paid together
      table.text('id_pagamenti').notNullable()
      // aperta | pagata | annullata
      table.string('stato', 12).notNullable()
      table.timestamp('created_at').notNullable()
    })

    this.schema.createTable('iris_sim_notifiche', (table) => {
      table.increments('id')
      table.string('codice_ente', 35).notNullable()
      table.string('e2e_msg_id', 44).notNullable()
      // JSON list of the IdPagamento it reports
      table.text('id_pagamenti').notNullable()
      table.text('documento').notNullable()
      table.timestamp('created_at').notNullable()
    })
  }

  async down() {
    this.schema.dropTable('iris_sim_notifiche')
    this.schema.dropTable('iris_sim_sessioni')
    this.schema.dropTable('iris_sim_messaggi')
    this.schema.dropTable('iris_sim_pendenze')
    this.schema.dropTable('iris_posizioni')
  }
}
