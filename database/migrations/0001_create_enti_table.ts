import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  protected tableName = 'enti'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.string('slug', 63).notNullable().unique()
      table.string('name').notNullable()
      table.string('codice_fiscale', 16).notNullable()
      table.string('codice_ipa', 32).nullable()
      // Optional own host name (servizi.comune.example.it) mapped to this ente
      table.string('host').nullable().unique()
      table.string('logo_path').nullable()
      table.string('email').nullable()
      table.string('pec').nullable()
      table.string('phone', 32).nullable()
      table.string('address').nullable()
      table.string('website').nullable()
      table.text('languages').notNullable().defaultTo('["it"]')
      table.boolean('is_active').notNullable().defaultTo(true)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
