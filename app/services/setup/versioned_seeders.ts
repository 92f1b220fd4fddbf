import { readdir } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'
import db from '@adonisjs/lucid/services/db'
import type { ApplicationService } from '@adonisjs/core/types'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import env from '#start/env'

/**
 * A seeder file in database/seeders: runs once per database, in file-name
 * order, inside a transaction together with the row that records it.
 * Later issues add their own file instead of editing earlier ones.
 */
export interface VersionedSeeder {
  /** demo data: never run in production, nor when DEMO_DATA=false */
  demo: boolean
  run(trx: TransactionClientContract): Promise<void>
}

export function defineSeeder(seeder: VersionedSeeder): VersionedSeeder {
  return seeder
}

export function demoDataEnabled(app: ApplicationService) {
  return !app.inProduction && env.get('DEMO_DATA', app.inDev)
}

export async function runVersionedSeeders(app: ApplicationService): Promise<string[]> {
  const directory = app.seedersPath()
  const entries = await readdir(directory)
  const files = entries.filter((file) => /\.(ts|js)$/.test(file) && !file.endsWith('.d.ts')).sort()
  const runs: Array<{ name: string }> = await db.from('seed_runs').select('name')
  const alreadyRun = new Set(runs.map((row) => row.name))

  const ran: string[] = []
  for (const file of files) {
    const name = file.replace(/\.(ts|js)$/, '')
    if (alreadyRun.has(name)) continue

    const { default: seeder } = (await import(pathToFileURL(`${directory}/${file}`).href)) as {
      default: VersionedSeeder
    }
    if (seeder.demo && !demoDataEnabled(app)) continue

    await db.transaction(async (trx) => {
      await seeder.run(trx)
      await trx.insertQuery().table('seed_runs').insert({ name, ran_at: new Date() })
    })
    ran.push(name)
  }
  return ran
}
