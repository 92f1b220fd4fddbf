import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Staff accounts: platform admins (no ente), ente admins, managers and
 * operators (always of one ente).
 */
export default class extends BaseSchema {
  protected tableName = 'users'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.integer('ente_id').unsigned().nullable().references('enti.id').onDelete('CASCADE')
      table.string('role', 20).notNullable()
      table.string('username', 80).notNullable()
      table.string('email').notNullable()
      table.string('first_name').notNullable()
      table.string('last_name').notNullable()
      table.string('password').nullable()
      table.boolean('is_enabled').notNullable().defaultTo(true)
      table.timestamp('last_login_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['ente_id', 'username'])
      table.index(['ente_id', 'role'])
    })

    this.schema.createTable('remember_me_tokens', (table) => {
      table.increments('id')
      table
        .integer('tokenable_id')
        .unsigned()
        .notNullable()
        .references('users.id')
        .onDelete('CASCADE')
      table.string('hash').notNullable().unique()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.timestamp('expires_at').notNullable()
    })
  }

  async down() {
    this.schema.dropTable('remember_me_tokens')
    this.schema.dropTable(this.tableName)
  }
}
