import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Logins and logouts sent to an identity provider and not answered yet,
 * kept server side by request id: the IdP's POST back does not carry the
 * session cookie (SameSite=lax). A row is deleted when its answer arrives,
 * so a replayed answer finds nothing. `return_to` (where the citizen goes
 * afterwards) never leaves the server: the IdP sees only `relay_state`.
 */
export default class extends BaseSchema {
  protected tableName = 'pending_identity_requests'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.integer('ente_id').unsigned().notNullable().references('enti.id').onDelete('CASCADE')
      table.string('plugin_id', 80).notNullable()
      // 'login' | 'logout'
      table.string('kind', 10).notNullable()
      table.string('request_id', 255).notNullable()
      table.string('relay_state', 64).notNullable()
      // requested level (logins only)
      table.smallint('level').nullable()
      table.string('return_to', 2048).notNullable()
      // what the adapter needs to verify the answer (JSON)
      table.text('data').notNullable().defaultTo('{}')
      // bound as JS Dates, like the queue tables (epoch ms on SQLite)
      table.timestamp('created_at').notNullable()
      table.timestamp('expires_at').notNullable()
      table.unique(['ente_id', 'plugin_id', 'kind', 'request_id'])
      table.index(['expires_at'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
