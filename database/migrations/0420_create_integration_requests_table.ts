import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * "Richiedi integrazioni": one row per request an operator sends, open
 * until the operator accepts the citizen's answer ("Accetta integrazioni",
 * the answer's PDF in `answer_document_id`) or cancels it. The citizen's
 * answers are their messages posted after `request_message_id`.
 */
export default class extends BaseSchema {
  protected tableName = 'integration_requests'

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
      table
        .integer('request_message_id')
        .unsigned()
        .notNullable()
        .references('pratica_messages.id')
        .onDelete('CASCADE')
      table
        .integer('requested_by')
        .unsigned()
        .nullable()
        .references('users.id')
        .onDelete('SET NULL')
      table.string('status', 20).notNullable()
      table
        .integer('answer_document_id')
        .unsigned()
        .nullable()
        .references('pratica_documents.id')
        .onDelete('SET NULL')
      table.integer('closed_by').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('closed_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['pratica_id', 'status'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
