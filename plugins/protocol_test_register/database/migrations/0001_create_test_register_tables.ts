import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The test register's own tables (its simulator's storage): documents with
 * their files, fascicoli, and a counter per AOO and year for the numbers.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('test_register_documents', (table) => {
      table.increments('id')
      table.string('aoo', 60).notNullable()
      table.integer('year').notNullable()
      table.integer('number').notNullable()
      // E (entrata) or U (uscita), as Italian registers print it
      table.string('direction', 1).notNullable()
      table.string('kind', 40).notNullable()
      table.text('subject').notNullable()
      table.text('correspondent').notNullable()
      table.string('classification', 40).nullable()
      table.string('office').nullable()
      table.integer('in_reply_to').nullable()
      table.string('external_key').notNullable()
      table.timestamp('created_at').notNullable()
      table.unique(['aoo', 'year', 'number'])
      table.unique(['aoo', 'external_key'])
    })
    this.schema.createTable('test_register_files', (table) => {
      table.increments('id')
      table
        .integer('document_id')
        .unsigned()
        .notNullable()
        .references('test_register_documents.id')
        .onDelete('CASCADE')
      table.integer('position').notNullable()
      table.string('filename').notNullable()
      table.string('content_type').notNullable()
      table.string('sha256', 64).notNullable()
      table.text('content_base64').notNullable()
    })
    this.schema.createTable('test_register_folders', (table) => {
      table.increments('id')
      table.string('aoo', 60).notNullable()
      table.string('number').notNullable()
      table.text('subject').notNullable()
      table.string('classification', 40).nullable()
      table.string('external_key').notNullable()
      table.unique(['aoo', 'external_key'])
    })
    this.schema.createTable('test_register_folder_documents', (table) => {
      table
        .integer('folder_id')
        .unsigned()
        .notNullable()
        .references('test_register_folders.id')
        .onDelete('CASCADE')
      table
        .integer('document_id')
        .unsigned()
        .notNullable()
        .references('test_register_documents.id')
        .onDelete('CASCADE')
      table.primary(['folder_id', 'document_id'])
    })
    this.schema.createTable('test_register_counters', (table) => {
      table.string('aoo', 60).notNullable()
      table.integer('year').notNullable()
      table.string('series', 10).notNullable()
      table.integer('last').notNullable()
      table.primary(['aoo', 'year', 'series'])
    })
  }

  async down() {
    this.schema.dropTable('test_register_counters')
    this.schema.dropTable('test_register_folder_documents')
    this.schema.dropTable('test_register_folders')
    this.schema.dropTable('test_register_files')
    this.schema.dropTable('test_register_documents')
  }
}
