import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * E-mails captured by the `mailbox` transport (embedded default and
 * tests), shown at /dev/mailbox. Unused in production.
 */
export default class extends BaseSchema {
  protected tableName = 'dev_mailbox_messages'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.string('message_id').notNullable()
      table.string('from_address').notNullable()
      table.text('to_addresses').notNullable()
      table.string('subject').notNullable()
      table.text('html').nullable()
      table.text('text').nullable()
      table.text('attachments').notNullable().defaultTo('[]')
      table.timestamp('created_at').notNullable()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
