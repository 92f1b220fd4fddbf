import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Marche da bollo of the pratiche: asked in fase di richiesta (the
 * service's settings) or di rilascio (the operator), each entered by the
 * citizen with the 14-digit identificativo and the emission time printed
 * on it. A number is used once in an ente (unique index: two citizens
 * typing the same number at once, one is refused).
 */
export default class extends BaseSchema {
  protected tableName = 'stamps'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.integer('ente_id').unsigned().notNullable().references('enti.id').onDelete('CASCADE')
      table.uuid('uuid').notNullable().unique()
      table
        .integer('pratica_id')
        .unsigned()
        .notNullable()
        .references('pratiche.id')
        .onDelete('CASCADE')
      table.string('phase', 20).notNullable()
      table.integer('item_index').notNullable()
      table.string('causale', 140).notNullable()
      table.integer('amount_cents').notNullable()
      table.string('number', 14).nullable()
      table.timestamp('issued_at').nullable()
      table.timestamp('entered_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['ente_id', 'number'])
      table.unique(['pratica_id', 'phase', 'item_index'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
