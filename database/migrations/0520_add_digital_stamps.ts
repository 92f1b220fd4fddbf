import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Marche da bollo digitali (MBD) paid through pagoPA: a bollo may be
 * settled by a STAMP payment position instead of a typed marca. The
 * position keeps what the intermediary needs to issue the marca (the
 * digest of the stamped document, the payer's province); the bollo keeps
 * which position settles it and, once issued, the marca's IUBD in
 * `number` and the digest it is bound to.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('payment_positions', (table) => {
      table.text('stamp_request').nullable()
    })
    this.schema.alterTable('stamps', (table) => {
      table
        .integer('position_id')
        .unsigned()
        .nullable()
        .references('payment_positions.id')
        .onDelete('SET NULL')
      table.string('document_hash', 64).nullable()
    })
  }

  async down() {
    this.schema.alterTable('stamps', (table) => {
      table.dropForeign(['position_id'])
      table.dropColumn('position_id')
      table.dropColumn('document_hash')
    })
    this.schema.alterTable('payment_positions', (table) => {
      table.dropColumn('stamp_request')
    })
  }
}
