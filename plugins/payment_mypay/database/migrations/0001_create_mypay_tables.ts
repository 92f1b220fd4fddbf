import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The plugin's tables.
 *
 * `mypay_dovuti` is the adapter's ledger: what this platform sent to (or
 * read from) MyPay for each dovuto, because MyPay answers with the data of
 * a dovuto only once it is paid, while the notice (avviso) and the cart
 * need amount, causale and payer before.
 *
 * `mypay_sim_*` are the simulator's storage (development and tests only):
 * the simulated MyPay's enti, dovuti, checkout sessions and outcome pushes.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('mypay_dovuti', (table) => {
      table.increments('id')
      table.string('cod_ipa_ente', 35).notNullable()
      table.string('iud', 35).notNullable()
      table.string('iuv', 35).notNullable()
      table.string('payer_kind', 1).notNullable()
      table.string('payer_fiscal_code', 35).notNullable()
      table.string('payer_name', 70).notNullable()
      table.string('payer_email', 256).nullable()
      table.integer('amount_cents').notNullable()
      table.string('description', 1024).notNullable()
      table.string('tipo_dovuto', 64).notNullable()
      table.string('dati_specifici_riscossione', 140).notNullable()
      table.date('due_date').nullable()
      table.text('url_file_avviso').nullable()
      // the idSession of the latest checkout opened for it (paaSILVerificaAvviso)
      table.string('last_session', 64).nullable()
      table.timestamp('created_at').notNullable()
      table.unique(['cod_ipa_ente', 'iud'])
      table.index(['cod_ipa_ente', 'iuv'])
    })

    this.schema.createTable('mypay_sim_enti', (table) => {
      table.string('cod_ipa_ente', 35).primary()
      table.string('codice_fiscale', 11).notNullable()
      table.string('name', 70).notNullable()
      table.string('password', 15).notNullable()
      // comma-separated identificativoTipoDovuto codes the ente has enabled
      table.text('tipi_dovuto').notNullable()
      table.string('segregation_code', 2).notNullable()
      table.integer('iuv_sequence').notNullable().defaultTo(0)
      // where the outcome push goes; a path is resolved against the simulator's own origin
      table.text('push_url').nullable()
      table.text('jwt_secret').nullable()
      table.string('jwt_kid', 64).nullable()
      table.string('jwt_client_id', 64).nullable()
      table.string('jwt_client_mail', 256).nullable()
    })

    this.schema.createTable('mypay_sim_dovuti', (table) => {
      table.increments('id')
      table.string('cod_ipa_ente', 35).notNullable()
      table.string('iud', 35).notNullable()
      table.string('iuv', 35).notNullable()
      // DA_PAGARE, PAGAMENTO_INIZIATO, PAGATO, ANNULLATO, SCADUTO (MyPay's anagrafica stato)
      table.string('stato', 20).notNullable()
      table.text('versamento_xml').notNullable()
      table.string('payer_kind', 1).notNullable()
      table.string('payer_fiscal_code', 35).notNullable()
      table.string('amount', 16).notNullable()
      table.date('due_date').nullable()
      // given out by paaSILChiediPosizioniAperte for its "precaricato" payment page
      table.string('id_session', 64).nullable()
      table.string('iur', 35).nullable()
      table.timestamp('paid_at').nullable()
      table.text('pagati_xml').nullable()
      table.text('rt_xml').nullable()
      table.timestamp('created_at').notNullable()
      table.unique(['cod_ipa_ente', 'iud'])
      table.unique(['cod_ipa_ente', 'iuv'])
      table.index(['payer_fiscal_code'])
    })

    this.schema.createTable('mypay_sim_sessions', (table) => {
      table.string('id_session', 64).primary()
      table.string('cod_ipa_ente', 35).notNullable()
      // "avviso": paaSILVerificaAvviso; "carrello": a pagoPA Checkout cart
      table.string('kind', 10).notNullable()
      // NUOVO, IN_CORSO, PAGATO, NON_PAGATO, ANNULLATO
      table.string('stato', 12).notNullable()
      table.text('iuds').notNullable()
      table.text('return_ok').notNullable()
      table.text('return_ko').notNullable()
      table.string('email', 256).nullable()
      table.text('pagati_xml').nullable()
      table.timestamp('created_at').notNullable()
    })

    this.schema.createTable('mypay_sim_pushes', (table) => {
      table.increments('id')
      table.string('cod_ipa_ente', 35).notNullable()
      table.string('iud', 35).notNullable()
      table.text('url').nullable()
      table.text('authorization').nullable()
      table.text('body').notNullable()
      table.integer('status_code').nullable()
      table.text('error').nullable()
      table.integer('attempts').notNullable().defaultTo(0)
      table.timestamp('created_at').notNullable()
      table.index(['cod_ipa_ente', 'iud'])
    })
  }

  async down() {
    this.schema.dropTable('mypay_sim_pushes')
    this.schema.dropTable('mypay_sim_sessions')
    this.schema.dropTable('mypay_sim_dovuti')
    this.schema.dropTable('mypay_sim_enti')
    this.schema.dropTable('mypay_dovuti')
  }
}
