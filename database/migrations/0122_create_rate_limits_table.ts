import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Counters of @adonisjs/limiter's database store (login and password
 * reset attempts), shared by every web process.
 */
export default class extends BaseSchema {
  protected tableName = 'rate_limits'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('key', 255).notNullable().primary()
      table.integer('points', 9).notNullable().defaultTo(0)
      table.bigint('expire').unsigned()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
