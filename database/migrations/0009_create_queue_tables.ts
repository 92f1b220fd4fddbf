import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * outbox_events: events written in the same transaction as the change
 * that causes them, moved to the queue by the dispatcher.
 * queue_jobs: the jobs of the in-process driver, kept in the database so
 * a restart loses nothing.
 * processed_effects: one row per effect already applied (idempotency keys).
 * Times are written as JS Dates: timestamptz on PostgreSQL, epoch
 * milliseconds on SQLite (so back-off and leases keep millisecond precision).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('outbox_events', (table) => {
      table.bigIncrements('id')
      table.integer('ente_id').unsigned().nullable().references('enti.id').onDelete('CASCADE')
      table.string('type', 120).notNullable()
      table.text('payload').notNullable()
      table.integer('attempts').notNullable().defaultTo(0)
      table.text('last_error').nullable()
      table.timestamp('available_at').notNullable()
      table.timestamp('dispatched_at').nullable()
      table.timestamp('created_at').notNullable()
      table.index(['dispatched_at', 'available_at'])
    })

    this.schema.createTable('queue_jobs', (table) => {
      table.bigIncrements('id')
      table.string('queue', 60).notNullable().defaultTo('default')
      table.string('name', 120).notNullable()
      table.text('payload').notNullable()
      // deduplication key: the same key is never queued twice
      table.string('job_key', 255).nullable().unique()
      table.string('status', 20).notNullable().defaultTo('pending')
      table.integer('attempts').notNullable().defaultTo(0)
      table.integer('max_attempts').notNullable().defaultTo(5)
      table.integer('backoff_ms').notNullable().defaultTo(1000)
      table.timestamp('available_at').notNullable()
      table.timestamp('locked_until').nullable()
      table.string('locked_by', 80).nullable()
      table.text('last_error').nullable()
      table.timestamp('completed_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['status', 'available_at'])
      // lease recovery: running jobs whose lease has expired
      table.index(['status', 'locked_until'])
    })

    this.schema.createTable('processed_effects', (table) => {
      table.string('key', 255).primary()
      table.timestamp('created_at').notNullable()
    })
  }

  async down() {
    this.schema.dropTable('processed_effects')
    this.schema.dropTable('queue_jobs')
    this.schema.dropTable('outbox_events')
  }
}
