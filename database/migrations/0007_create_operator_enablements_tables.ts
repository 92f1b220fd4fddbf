import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Which services an operator works and which offices they belong to.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('operator_services', (table) => {
      table.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE')
      table
        .integer('service_id')
        .unsigned()
        .notNullable()
        .references('services.id')
        .onDelete('CASCADE')
      table.primary(['user_id', 'service_id'])
      table.index(['service_id'])
    })

    this.schema.createTable('operator_offices', (table) => {
      table.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE')
      table
        .integer('office_id')
        .unsigned()
        .notNullable()
        .references('offices.id')
        .onDelete('CASCADE')
      table.primary(['user_id', 'office_id'])
      table.index(['office_id'])
    })
  }

  async down() {
    this.schema.dropTable('operator_offices')
    this.schema.dropTable('operator_services')
  }
}
