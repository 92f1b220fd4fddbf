import { randomBytes } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * `npm run bench`, payments: creation of payment positions through the
 * real MyPay adapter (SOAP from the WSDL) against the MyPay simulator,
 * served on a local port by this process (production mounts no
 * simulator). Each creation is what the `payments.create_position` job
 * does: the row in payment_positions, paaSILImportaDovuto, the row
 * updated, the first reconciliation check queued. BENCH_POSITIONS
 * (default 500) at BENCH_CONNECTIONS at once (default 20): positions/s and
 * p95 (written to BENCH_PAYMENTS_OUT when set).
 */
export default class BenchPayments extends BaseCommand {
  static commandName = 'bench:payments'
  static description =
    'Measure payment position creation through the MyPay simulator (BENCH_MODE only)'
  static options: CommandOptions = { startApp: true }

  async run() {
    const { default: env } = await import('#start/env')
    if (!env.get('BENCH_MODE')) {
      this.logger.error(
        'bench:payments runs only with BENCH_MODE=true, on a dedicated bench database'
      )
      this.exitCode = 1
      return
    }
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const { default: Ente } = await import('#models/ente')
    const { default: EntePlugin } = await import('#models/ente_plugin')
    const { sealSecrets } = await import('#plugin_runtime/plugin_secrets')
    const { SimulatorServer } = await import('#extension_points/simulator_server')
    const { simulatorRoutes } = await import('#plugins/payment_mypay/simulator/routes')
    const { registerEnte } = await import('#plugins/payment_mypay/simulator/store')
    const { requestPositions } = await import('#services/payments/positions')
    const { createAtIntermediary } = await import('#services/payments/create_at_intermediary')

    const total = Number(process.env.BENCH_POSITIONS || 500)
    const concurrency = Number(process.env.BENCH_CONNECTIONS || 20)
    const simulator = new SimulatorServer(simulatorRoutes)
    await simulator.start()
    try {
      const ente = await Ente.findByOrFail('slug', 'bench-ente-1')
      const codIpaEnte = ente.codiceIpa ?? `c_bench${ente.id}`
      const password = randomBytes(9).toString('base64url')
      await registerEnte({
        codIpaEnte,
        codiceFiscale: ente.codiceFiscale,
        name: ente.name,
        password,
        tipiDovuto: ['DIRITTI_SEGRETERIA'],
        segregationCode: '01',
        pushUrl: null,
        jwtSecret: null,
        jwtKid: null,
        jwtClientId: null,
        jwtClientMail: null,
      })
      await EntePlugin.updateOrCreate(
        { enteId: ente.id, pluginId: 'payment_mypay' },
        {
          inContract: true,
          enabled: true,
          config: {
            baseUrl: simulator.url,
            codIpaEnte,
            tipoDovuto: 'DIRITTI_SEGRETERIA',
            datiSpecificiRiscossione: '9/0101108TS/',
            timeoutSeconds: 30,
          },
          secrets: sealSecrets({ password }, ente.id, 'payment_mypay'),
        }
      )

      const run = randomBytes(4).toString('hex')
      const times: number[] = []
      let next = 0
      let failures = 0
      const started = performance.now()
      const worker = async () => {
        while (next < total) {
          const index = next++
          const begin = performance.now()
          const [position] = await db.transaction((trx) =>
            requestPositions(trx, {
              ente,
              pluginId: 'payment_mypay',
              payer: { fiscalCode: 'RSSMRA80A01H501U', name: 'Mario Rossi', kind: 'person' },
              praticaId: null,
              citizenId: null,
              phase: null,
              attempt: 1,
              items: [
                { amountCents: 1600, causale: 'Bench', idempotencyKey: `bench:${run}:${index}` },
              ],
            })
          )
          await createAtIntermediary(position.id, { lastAttempt: true })
          await position.refresh()
          if (position.status !== 'PAYMENT_PENDING') failures++
          times.push(performance.now() - begin)
        }
      }
      await Promise.all(Array.from({ length: concurrency }, worker))
      const seconds = (performance.now() - started) / 1000
      times.sort((a, b) => a - b)
      const p = (q: number) => Math.round(times[Math.ceil((q / 100) * times.length) - 1] * 10) / 10
      const result = {
        positions: total,
        concurrency,
        seconds: Math.round(seconds * 100) / 100,
        positionsPerSecond: Math.round((total / seconds) * 10) / 10,
        p50Ms: p(50),
        p95Ms: p(95),
        p99Ms: p(99),
        failures,
        database: env.get('DB_CONNECTION'),
      }
      console.log('\nCreazione posizioni di pagamento (adapter MyPay → simulatore MyPay):')
      console.table([result])
      const out = process.env.BENCH_PAYMENTS_OUT
      if (out) {
        await mkdir(dirname(out), { recursive: true })
        await writeFile(out, JSON.stringify(result, null, 2))
      }
      if (failures) this.exitCode = 1
    } finally {
      await simulator.stop()
    }
  }
}
