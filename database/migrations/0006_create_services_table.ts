import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A service of the catalogue: its scheda (it/en/de), where it sits, who may
 * use it and every switch that the later parts of the platform read.
 * JSON settings are kept as text so that SQLite and PostgreSQL store the
 * same thing; the model (de)serialises them.
 */
export default class extends BaseSchema {
  protected tableName = 'services'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.integer('ente_id').unsigned().notNullable().references('enti.id').onDelete('CASCADE')
      table.string('slug').notNullable()
      table.string('name').notNullable()
      table
        .integer('category_id')
        .unsigned()
        .nullable()
        .references('categories.id')
        .onDelete('SET NULL')
      table
        .integer('service_group_id')
        .unsigned()
        .nullable()
        .references('service_groups.id')
        .onDelete('SET NULL')
      // scheda in each language: { it: { descrizione, a_chi_e_rivolto, ... }, en: {...}, de: {...} }
      table.text('content').notNullable().defaultTo('{}')
      table.string('status', 20).notNullable().defaultTo('private')
      table.timestamp('scheduled_from').nullable()
      table.timestamp('scheduled_to').nullable()
      table.integer('min_auth_level').notNullable().defaultTo(2)
      table.string('workflow', 20).notNullable().defaultTo('approval')
      table.integer('max_response_days').nullable()
      table.boolean('protocol_required').notNullable().defaultTo(false)
      table.text('payment_settings').notNullable().defaultTo('{"atRequest":[],"deferred":[]}')
      table.text('stamp_settings').notNullable().defaultTo('{"atRequest":[],"atRelease":false}')
      table.boolean('allow_withdrawal').notNullable().defaultTo(true)
      table.boolean('allow_integration_requests').notNullable().defaultTo(true)
      table.boolean('allow_partial_approval').notNullable().defaultTo(false)
      table.text('auto_assignment').nullable()
      table.text('message_templates').notNullable().defaultTo('{}')
      table.text('receipt_text').notNullable().defaultTo('{}')
      table.text('app_io_settings').nullable()
      table.string('conditions_file_path').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['ente_id', 'slug'])
      table.index(['ente_id', 'status'])
    })

    this.schema.createTable('service_form_versions', (table) => {
      table.increments('id')
      table.integer('ente_id').unsigned().notNullable().references('enti.id').onDelete('CASCADE')
      table
        .integer('service_id')
        .unsigned()
        .notNullable()
        .references('services.id')
        .onDelete('CASCADE')
      table.integer('version').notNullable()
      table.text('schema').notNullable()
      table
        .integer('created_by_id')
        .unsigned()
        .nullable()
        .references('users.id')
        .onDelete('SET NULL')
      table.timestamp('created_at').notNullable()
      table.unique(['service_id', 'version'])
    })

    this.schema.createTable('service_offices', (table) => {
      table
        .integer('service_id')
        .unsigned()
        .notNullable()
        .references('services.id')
        .onDelete('CASCADE')
      table
        .integer('office_id')
        .unsigned()
        .notNullable()
        .references('offices.id')
        .onDelete('CASCADE')
      table.primary(['service_id', 'office_id'])
    })

    this.schema.createTable('service_geographic_areas', (table) => {
      table
        .integer('service_id')
        .unsigned()
        .notNullable()
        .references('services.id')
        .onDelete('CASCADE')
      table
        .integer('geographic_area_id')
        .unsigned()
        .notNullable()
        .references('geographic_areas.id')
        .onDelete('CASCADE')
      table.primary(['service_id', 'geographic_area_id'])
    })
  }

  async down() {
    this.schema.dropTable('service_geographic_areas')
    this.schema.dropTable('service_offices')
    this.schema.dropTable('service_form_versions')
    this.schema.dropTable(this.tableName)
  }
}
