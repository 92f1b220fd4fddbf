import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Documents the platform issues for a pratica and keeps with it: the
 * "modulo compilato" PDF made at submission (later: response documents).
 * The file is on the drive disk; `protocol` holds the register's reference
 * once the document is protocolled.
 */
export default class extends BaseSchema {
  protected tableName = 'pratica_documents'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.integer('ente_id').unsigned().notNullable().references('enti.id').onDelete('CASCADE')
      table
        .integer('pratica_id')
        .unsigned()
        .notNullable()
        .references('pratiche.id')
        .onDelete('CASCADE')
      table.string('kind', 40).notNullable()
      table.string('file_name').notNullable()
      table.string('mime_type', 100).notNullable()
      table.integer('size').notNullable()
      table.string('disk_key').notNullable()
      table.string('sha256', 64).notNullable()
      table.text('protocol').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['pratica_id', 'kind'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
