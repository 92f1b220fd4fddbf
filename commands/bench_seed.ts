import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Fills the bench database (used by `npm run bench` only).
 */
export default class BenchSeed extends BaseCommand {
  static commandName = 'bench:seed'
  static description = 'Fill the bench database (BENCH_MODE=true only)'
  static options: CommandOptions = { startApp: true }

  async run() {
    const { default: env } = await import('#start/env')
    if (!env.get('BENCH_MODE')) {
      this.logger.error('bench:seed runs only with BENCH_MODE=true, on a dedicated bench database')
      this.exitCode = 1
      return
    }
    const { seedBenchData } = await import('#database/bench/bench_seeder')
    const enti = Number(process.env.BENCH_ENTI || 20)
    const servicesPerEnte = Number(process.env.BENCH_SERVICES_PER_ENTE || 60)
    const created = await seedBenchData({ enti, servicesPerEnte })
    const { seedBenchSubmission } = await import('#database/bench/bench_submission')
    await seedBenchSubmission()
    const { seedBenchSchede } = await import('#database/bench/bench_scheda')
    await seedBenchSchede()
    this.logger.info(
      created
        ? `bench: ${enti} enti con ${servicesPerEnte} servizi ciascuno`
        : 'bench: dati già presenti'
    )
  }
}
