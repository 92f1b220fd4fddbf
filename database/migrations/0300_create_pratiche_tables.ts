import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A pratica (an application of a citizen to a service) and its iter: every
 * state change, who made it, when, with which message.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('pratiche', (table) => {
      table.increments('id')
      table.integer('ente_id').unsigned().notNullable().references('enti.id').onDelete('CASCADE')
      // the request number shown to people and used by the API
      table.uuid('uuid').notNullable().unique()
      table
        .integer('service_id')
        .unsigned()
        .notNullable()
        .references('services.id')
        .onDelete('RESTRICT')
      table
        .integer('form_version_id')
        .unsigned()
        .nullable()
        .references('service_form_versions.id')
        .onDelete('RESTRICT')
      table
        .integer('citizen_id')
        .unsigned()
        .nullable()
        .references('citizens.id')
        .onDelete('SET NULL')
      table.integer('status').notNullable().defaultTo(1000)
      // partial approval: status 7000 with this flag (DESIGN "States")
      table.boolean('partial').notNullable().defaultTo(false)
      table.text('data').notNullable().defaultTo('{}')
      // how the applicant authenticated: spid, cie, anonymous (login-free), operator
      table.string('auth_method', 20).nullable()
      table.integer('auth_level').nullable()
      table.integer('operator_id').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.integer('office_id').unsigned().nullable().references('offices.id').onDelete('SET NULL')
      table.integer('priority').notNullable().defaultTo(0)
      // rinnovo / modifica / voltura create a new pratica linked to the first
      table
        .integer('parent_id')
        .unsigned()
        .nullable()
        .references('pratiche.id')
        .onDelete('SET NULL')
      table.string('relation', 20).nullable()
      table.string('protocol_number').nullable()
      table.timestamp('protocol_date').nullable()
      table.timestamp('submitted_at').nullable()
      table.timestamp('response_due_at').nullable()
      table.timestamp('status_changed_at').notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['ente_id', 'service_id', 'status'])
      table.index(['ente_id', 'citizen_id'])
      table.index(['ente_id', 'status_changed_at'])
    })

    this.schema.createTable('pratica_status_changes', (table) => {
      table.bigIncrements('id')
      table.integer('ente_id').unsigned().notNullable().references('enti.id').onDelete('CASCADE')
      table
        .integer('pratica_id')
        .unsigned()
        .notNullable()
        .references('pratiche.id')
        .onDelete('CASCADE')
      table.integer('from_status').nullable()
      table.integer('to_status').notNullable()
      table.boolean('partial').notNullable().defaultTo(false)
      // citizen, operator or system (jobs)
      table.string('actor_type', 20).notNullable()
      table.integer('actor_id').nullable()
      table.string('actor_name').nullable()
      table.text('message').nullable()
      table.timestamp('created_at').notNullable()
      table.index(['pratica_id', 'id'])
    })
  }

  async down() {
    this.schema.dropTable('pratica_status_changes')
    this.schema.dropTable('pratiche')
  }
}
