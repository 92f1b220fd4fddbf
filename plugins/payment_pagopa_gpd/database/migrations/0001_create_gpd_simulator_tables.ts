import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The pagoPA simulator's own storage (development and test only): GPD debt
 * positions with their payment options, Checkout carts, the receipts the
 * Nodo would hand to GPD (and broadcast to the ente's station), and the
 * stations registered to receive them.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('gpd_sim_positions', (table) => {
      table.increments('id')
      table.string('organization_fiscal_code', 16).notNullable()
      table.string('iupd').notNullable()
      // DRAFT, PUBLISHED, VALID, INVALID, EXPIRED, PARTIALLY_PAID, PAID, REPORTED
      table.string('status', 20).notNullable()
      table.boolean('switch_to_expired').notNullable()
      table.timestamp('validity_date').nullable()
      table.timestamp('inserted_date').notNullable()
      table.timestamp('publish_date').nullable()
      table.timestamp('payment_date').nullable()
      table.timestamp('last_updated_date').notNullable()
      // the PaymentPositionModel as received, for the fields only echoed back
      table.text('model').notNullable()
      table.unique(['organization_fiscal_code', 'iupd'])
    })
    this.schema.createTable('gpd_sim_payment_options', (table) => {
      table.increments('id')
      table
        .integer('position_id')
        .unsigned()
        .notNullable()
        .references('gpd_sim_positions.id')
        .onDelete('CASCADE')
      table.string('organization_fiscal_code', 16).notNullable()
      table.string('iuv', 35).notNullable()
      table.string('nav', 18).notNullable()
      table.bigInteger('amount').notNullable()
      table.string('description', 140).notNullable()
      table.timestamp('due_date').notNullable()
      // PO_UNPAID, PO_PAID
      table.string('status', 20).notNullable()
      table.timestamp('payment_date').nullable()
      table.string('id_receipt').nullable()
      table.string('psp_company').nullable()
      table.string('payment_method', 35).nullable()
      table.bigInteger('fee').nullable()
      table.unique(['organization_fiscal_code', 'iuv'])
      table.unique(['organization_fiscal_code', 'nav'])
    })
    this.schema.createTable('gpd_sim_carts', (table) => {
      table.string('id', 36).primary()
      // CartRequestV2 as received
      table.text('request').notNullable()
      // open, paid, cancelled
      table.string('status', 12).notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })
    this.schema.createTable('gpd_sim_receipts', (table) => {
      table.increments('id')
      table.string('organization_fiscal_code', 16).notNullable()
      table.string('iuv', 35).notNullable()
      table.string('receipt_id').notNullable().unique()
      table.string('notice_number', 18).notNullable()
      table.timestamp('payment_date').notNullable()
      // the receipt's content (simulator/receipt_document.ts makes its XML forms)
      table.text('data').notNullable()
      table.integer('delivery_attempts').notNullable().defaultTo(0)
      table.timestamp('delivered_at').nullable()
      table.unique(['organization_fiscal_code', 'iuv'])
    })
    this.schema.createTable('gpd_sim_stations', (table) => {
      table.string('organization_fiscal_code', 16).primary()
      table.string('broker_id', 35).notNullable()
      table.string('station_id', 35).notNullable()
      // where the Nodo sends paSendRTV2 (the ente's broadcast station)
      table.string('url', 2048).notNullable()
    })
  }

  async down() {
    this.schema.dropTable('gpd_sim_stations')
    this.schema.dropTable('gpd_sim_receipts')
    this.schema.dropTable('gpd_sim_carts')
    this.schema.dropTable('gpd_sim_payment_options')
    this.schema.dropTable('gpd_sim_positions')
  }
}
