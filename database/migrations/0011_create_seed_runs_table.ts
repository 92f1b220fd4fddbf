import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Versioned seeders: each seeder file runs once per database.
 */
export default class extends BaseSchema {
  protected tableName = 'seed_runs'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('name', 160).primary()
      table.timestamp('ran_at').notNullable()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
