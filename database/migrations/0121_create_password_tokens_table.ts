import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Single-use links to set a staff password: "Imposta la password" for a
 * new operator, "Reimposta password" after "Hai dimenticato la password?".
 * Only a SHA-256 of the token is kept: the link itself exists only in the
 * e-mail.
 */
export default class extends BaseSchema {
  protected tableName = 'password_tokens'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE')
      table.string('purpose', 10).notNullable()
      table.string('token_hash', 64).notNullable().unique()
      table.timestamp('expires_at').notNullable()
      table.timestamp('created_at').notNullable()
      table.index(['user_id'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
