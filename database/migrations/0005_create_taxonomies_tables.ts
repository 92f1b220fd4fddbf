import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Categories (argomenti), service groups and geographic areas: the ways
 * an ente groups its services.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('categories', (table) => {
      table.increments('id')
      table.integer('ente_id').unsigned().notNullable().references('enti.id').onDelete('CASCADE')
      table.string('name').notNullable()
      table.string('slug').notNullable()
      table.text('description').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['ente_id', 'slug'])
    })

    this.schema.createTable('service_groups', (table) => {
      table.increments('id')
      table.integer('ente_id').unsigned().notNullable().references('enti.id').onDelete('CASCADE')
      table.string('name').notNullable()
      table.string('slug').notNullable()
      table.text('description').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['ente_id', 'slug'])
    })

    this.schema.createTable('geographic_areas', (table) => {
      table.increments('id')
      table.integer('ente_id').unsigned().notNullable().references('enti.id').onDelete('CASCADE')
      table.string('name').notNullable()
      table.text('description').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['ente_id', 'name'])
    })
  }

  async down() {
    this.schema.dropTable('geographic_areas')
    this.schema.dropTable('service_groups')
    this.schema.dropTable('categories')
  }
}
