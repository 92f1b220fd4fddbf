import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Files uploaded into a form's file fields, before and after submission.
 * `owner` is opaque: "draft:<token>" while a form is being filled, then
 * whatever adopts them (a pratica: "pratica:<id>"). The file itself is on
 * the drive disk at `disk_key`.
 */
export default class extends BaseSchema {
  protected tableName = 'form_uploads'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 36).primary()
      table.integer('ente_id').unsigned().notNullable().references('enti.id').onDelete('CASCADE')
      table.string('owner', 100).notNullable()
      table.string('field', 255).notNullable()
      table.string('client_name', 255).notNullable()
      table.string('extension', 10).notNullable()
      table.string('mime_type', 100).notNullable()
      table.bigInteger('size').notNullable()
      table.string('disk_key', 255).notNullable()
      table.timestamp('created_at').notNullable()
      table.index(['ente_id', 'owner'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
