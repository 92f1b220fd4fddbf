import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  protected tableName = 'offices'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.integer('ente_id').unsigned().notNullable().references('enti.id').onDelete('CASCADE')
      table.string('name').notNullable()
      table.text('description').nullable()
      table.string('address').nullable()
      table.string('postal_code', 10).nullable()
      table.string('city').nullable()
      table.string('email').nullable()
      table.string('pec').nullable()
      table.string('phone', 32).nullable()
      // [{ days: [1..7], from: 'HH:mm', to: 'HH:mm' }], see app/domain/opening_hours.ts
      table.text('opening_hours').notNullable().defaultTo('[]')
      table.text('opening_notes').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['ente_id', 'name'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
