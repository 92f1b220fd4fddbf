import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Citizens belong to an ente and are one person per codice fiscale there,
 * whether they logged in with SPID/CIE, were created by an operator or
 * submitted without login.
 */
export default class extends BaseSchema {
  protected tableName = 'citizens'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.integer('ente_id').unsigned().notNullable().references('enti.id').onDelete('CASCADE')
      table.string('fiscal_code', 16).notNullable()
      table.string('first_name').notNullable()
      table.string('last_name').notNullable()
      table.string('email').nullable()
      table.string('mobile_phone', 32).nullable()
      table.string('phone', 32).nullable()
      // where the identity fields came from: 'spid' | 'cie' | 'operator' | 'anonymous'
      table.string('identity_source', 20).notNullable().defaultTo('anonymous')
      table.timestamp('last_login_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['ente_id', 'fiscal_code'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
