import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The audit log: who did what, on which subject, when and from where.
 * Names and usernames are copied in, so an entry still reads the same
 * after the people or records it names are changed or removed.
 */
export default class extends BaseSchema {
  protected tableName = 'audit_logs'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.bigIncrements('id')
      // null for platform-level events (platform admins' logins)
      table.integer('ente_id').unsigned().nullable().references('enti.id').onDelete('CASCADE')
      table.string('action', 60).notNullable()
      // null when anonymous (a failed login, a reset request)
      table.integer('actor_id').unsigned().nullable()
      table.string('actor_label').nullable()
      table.string('subject_type', 40).nullable()
      table.string('subject_id', 64).nullable()
      table.string('subject_label').nullable()
      table.text('metadata').notNullable().defaultTo('{}')
      table.string('ip', 64).nullable()
      table.string('user_agent', 512).nullable()
      table.timestamp('created_at').notNullable()
      table.index(['ente_id', 'created_at'])
      table.index(['subject_type', 'subject_id'])
      table.index(['action', 'created_at'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
