import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Messages of a pratica: citizen ↔ office, and the operators' internal
 * notes (visibility internal). Their attachments are uploads owned by
 * "message:<id>" (form_uploads).
 */
export default class extends BaseSchema {
  protected tableName = 'pratica_messages'

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
      // citizen, operator or system (receipts, automatic notices)
      table.string('author_type', 20).notNullable()
      table.integer('author_id').nullable()
      table.string('author_name').nullable()
      table.string('subject').nullable()
      table.text('body').notNullable()
      // applicant: seen by the citizen; internal: operators only ("nota interna")
      table.string('visibility', 20).notNullable().defaultTo('applicant')
      table.timestamp('read_by_citizen_at').nullable()
      table.timestamp('read_by_office_at').nullable()
      table.timestamp('created_at').notNullable()
      table.index(['pratica_id', 'id'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
