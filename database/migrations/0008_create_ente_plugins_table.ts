import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * One row per (ente, plugin): whether the ente's contract includes it (set
 * by the platform admin), whether the ente admin enabled it, and its
 * configuration. Secret fields live encrypted in `secrets`, never in
 * `config`. `config_version` grows at every change so cached adapters are
 * rebuilt.
 */
export default class extends BaseSchema {
  protected tableName = 'ente_plugins'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.integer('ente_id').unsigned().notNullable().references('enti.id').onDelete('CASCADE')
      table.string('plugin_id', 80).notNullable()
      table.boolean('in_contract').notNullable().defaultTo(false)
      table.boolean('enabled').notNullable().defaultTo(false)
      table.text('config').notNullable().defaultTo('{}')
      table.text('secrets').nullable()
      table.integer('config_version').notNullable().defaultTo(1)
      table.string('health_status', 20).nullable()
      table.text('health_message').nullable()
      table.timestamp('health_checked_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['ente_id', 'plugin_id'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
