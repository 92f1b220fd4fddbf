/*
|--------------------------------------------------------------------------
| Environment variables
|--------------------------------------------------------------------------
|
| Validated at boot: a missing or malformed variable stops the process with
| a message naming it. Every variable is documented in .env.example.
*/
import { Env } from '@adonisjs/core/env'

const env = await Env.create(new URL('../', import.meta.url), {
  NODE_ENV: Env.schema.enum(['development', 'production', 'test'] as const),
  PORT: Env.schema.number(),
  HOST: Env.schema.string({ format: 'host' }),
  APP_KEY: Env.schema.string(),
  APP_URL: Env.schema.string.optional({ format: 'url', tld: false }),
  TRUSTED_PROXIES: Env.schema.string.optional(),
  LOG_LEVEL: Env.schema.enum([
    'fatal',
    'error',
    'warn',
    'info',
    'debug',
    'trace',
    'silent',
  ] as const),

  SESSION_DRIVER: Env.schema.enum(['cookie', 'memory'] as const),

  DB_CONNECTION: Env.schema.enum.optional(['sqlite', 'pg'] as const),
  SQLITE_PATH: Env.schema.string.optional(),
  DB_HOST: Env.schema.string.optional({ format: 'host' }),
  DB_PORT: Env.schema.number.optional(),
  DB_USER: Env.schema.string.optional(),
  DB_PASSWORD: Env.schema.string.optional(),
  DB_DATABASE: Env.schema.string.optional(),

  // Env's url format accepts only http(s) and ftp: redis:// and rediss:// checked here
  REDIS_URL: (key: string, value?: string) => {
    if (value && !/^rediss?:\/\/[^/]/.test(value)) {
      throw new Error(
        `Value for environment variable "${key}" must be a redis:// or rediss:// URL, instead received "${value}"`
      )
    }
    return value || undefined
  },
  QUEUE_IN_PROCESS_WORKER: Env.schema.boolean.optional(),
  QUEUE_LEASE_MS: Env.schema.number.optional(),
  QUEUE_TEST_FIXTURES: Env.schema.boolean.optional(),

  MAIL_TRANSPORT: Env.schema.enum.optional(['mailbox', 'smtp'] as const),
  MAIL_FROM_ADDRESS: Env.schema.string.optional({ format: 'email' }),
  MAIL_FROM_NAME: Env.schema.string.optional(),
  SMTP_HOST: Env.schema.string.optional({ format: 'host' }),
  SMTP_PORT: Env.schema.number.optional(),
  SMTP_SECURE: Env.schema.boolean.optional(),
  SMTP_USERNAME: Env.schema.string.optional(),
  SMTP_PASSWORD: Env.schema.string.optional(),

  DRIVE_DISK: Env.schema.enum.optional(['fs', 's3'] as const),
  S3_BUCKET: Env.schema.string.optional(),
  S3_REGION: Env.schema.string.optional(),
  S3_ENDPOINT: Env.schema.string.optional({ format: 'url', tld: false }),
  S3_ACCESS_KEY_ID: Env.schema.string.optional(),
  S3_SECRET_ACCESS_KEY: Env.schema.string.optional(),

  DEMO_DATA: Env.schema.boolean.optional(),
  DEMO_PASSWORD: Env.schema.string.optional(),

  // `npm run bench` only: allows bench:seed on the bench database
  BENCH_MODE: Env.schema.boolean.optional(),
})

/**
 * Variables that are required only together with another one. Env's schema
 * checks each variable alone, so the pairs are checked here, with the same
 * kind of message.
 */
const requiredWhen: Array<[boolean, string[], string]> = [
  [env.get('DB_CONNECTION') === 'pg', ['DB_HOST', 'DB_USER', 'DB_DATABASE'], 'DB_CONNECTION=pg'],
  [env.get('MAIL_TRANSPORT') === 'smtp', ['SMTP_HOST', 'SMTP_PORT'], 'MAIL_TRANSPORT=smtp'],
  [env.get('DRIVE_DISK') === 's3', ['S3_BUCKET', 'S3_REGION'], 'DRIVE_DISK=s3'],
]
for (const [active, keys, reason] of requiredWhen) {
  const missing = keys.filter((key) => !env.get(key as any))
  if (active && missing.length) {
    throw new Error(
      `Missing environment variable(s) ${missing.join(', ')}: required when ${reason}`
    )
  }
}
if (env.get('NODE_ENV') === 'production' && env.get('DEMO_DATA')) {
  throw new Error('DEMO_DATA cannot be enabled when NODE_ENV=production')
}

export default env
