import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * pagoPA debt positions (and digital stamps) the platform asks the ente's
 * intermediary for: one row per effect, named by its idempotency key, so a
 * retried creation finds its row instead of making a second one. States are
 * OpenCity's (specs/opencity/enums.json); `next_check_at`/`check_attempts`
 * drive the reconciliation polling. See app/services/payments/README.md.
 */
export default class extends BaseSchema {
  protected tableName = 'payment_positions'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.integer('ente_id').unsigned().notNullable().references('enti.id').onDelete('CASCADE')
      table.uuid('uuid').notNullable().unique()
      // null: an open position not tied to a pratica
      table
        .integer('pratica_id')
        .unsigned()
        .nullable()
        .references('pratiche.id')
        .onDelete('SET NULL')
      table
        .integer('citizen_id')
        .unsigned()
        .nullable()
        .references('citizens.id')
        .onDelete('SET NULL')
      table.string('idempotency_key', 200).notNullable()
      table.string('type', 10).notNullable()
      table.string('status', 20).notNullable()
      // at_request | deferred, null for an open position
      table.string('phase', 20).nullable()
      // which configured payment of the phase (0-based) and which try of it (1-based)
      table.integer('item_index').notNullable().defaultTo(0)
      table.integer('attempt').notNullable().defaultTo(1)
      table.string('plugin_id', 60).notNullable()
      table.integer('amount_cents').notNullable()
      table.string('causale', 140).notNullable()
      // the intermediary's ids: its position id (MyPay IUD, GPD iupd), IUV, codice avviso
      table.string('iud', 100).nullable()
      table.string('iuv', 35).nullable()
      table.string('notice_code', 18).nullable()
      table.string('creditor_fiscal_code', 16).notNullable()
      table.date('due_date').nullable()
      table.timestamp('expires_at').nullable()
      table.text('payer').notNullable()
      table.text('bilancio').nullable()
      table.string('taxonomy', 100).nullable()
      table.text('links').notNullable().defaultTo('{}')
      table.timestamp('paid_at').nullable()
      table.text('receipt').nullable()
      table.text('last_error').nullable()
      table.integer('creation_attempts').notNullable().defaultTo(0)
      table.timestamp('next_check_at').nullable()
      table.integer('check_attempts').notNullable().defaultTo(0)
      table.timestamp('last_checked_at').nullable()
      // bumped by every state change: conditional updates compare it
      table.integer('version').notNullable().defaultTo(0)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['ente_id', 'idempotency_key'])
      table.index(['pratica_id', 'phase', 'attempt'])
      table.index(['ente_id', 'citizen_id', 'status'])
      table.index(['ente_id', 'status'])
      table.index(['status', 'next_check_at'])
      table.index(['ente_id', 'iuv'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
