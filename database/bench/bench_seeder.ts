import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import hash from '@adonisjs/core/services/hash'
import Ente from '#models/ente'
import User from '#models/user'
import Office from '#models/office'
import Service from '#models/service'
import Category from '#models/category'
import { newServiceSettings } from '#domain/service_settings'
import { partitaIvaCheckDigit } from '#domain/partita_iva'
import { createEnte } from '#services/enti/create_ente'
import { saveFormVersion } from '#services/forms/form_versions'

/**
 * The bench database: many enti, each with a realistic catalogue and
 * staff. Sized by BENCH_ENTI and BENCH_SERVICES_PER_ENTE; runs once (an
 * existing bench-ente-1 means the data is there). Then the pratiche of
 * bench-ente-1 (seedBenchPratiche), themselves once.
 */
export async function seedBenchData(options: { enti: number; servicesPerEnte: number }) {
  const created = !(await Ente.findBy('slug', 'bench-ente-1'))
  if (created) await seedEnti(options)
  await seedBenchPratiche(benchPraticheCount())
  return created
}

async function seedEnti(options: { enti: number; servicesPerEnte: number }) {
  const password = await hash.make('Bench.2026')
  for (let index = 1; index <= options.enti; index++) {
    await db.transaction(async (trx) => {
      const ente = await createEnte(
        {
          slug: `bench-ente-${index}`,
          name: `Comune Bench ${index}`,
          codiceFiscale: withCheckDigit(String(8000000000 + index)),
        },
        trx
      )
      const categories = await Category.forEnte(ente).useTransaction(trx)
      const offices = await Office.createMany(
        Array.from({ length: 10 }, (_, n) => ({
          enteId: ente.id,
          name: `Ufficio ${n + 1}`,
          openingHours: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '12:30' }],
        })),
        { client: trx }
      )
      const services = await Service.createMany(
        Array.from({ length: options.servicesPerEnte }, (_, n) => ({
          enteId: ente.id,
          slug: `servizio-${n + 1}`,
          name: `Servizio numero ${n + 1}`,
          categoryId: categories[n % categories.length].id,
          content: { it: { descrizione_breve: `Descrizione breve del servizio numero ${n + 1}.` } },
          ...newServiceSettings(),
        })),
        { client: trx }
      )
      for (const [n, service] of services.entries()) {
        await service.related('offices').attach([offices[n % offices.length].id], trx)
      }
      await User.createMany(
        Array.from({ length: 30 }, (_, n) => ({
          enteId: ente.id,
          role: n === 0 ? ('manager' as const) : ('operator' as const),
          username: `operatore.${n + 1}`,
          email: `operatore.${n + 1}@bench-ente-${index}.example.it`,
          firstName: 'Operatore',
          lastName: String(n + 1),
          password,
          isEnabled: true,
        })),
        { client: trx }
      )
    })
  }
}

const withCheckDigit = (first10: string) => first10 + partitaIvaCheckDigit(first10)

/**
 * The Elenco pratiche's bench: BENCH_PRATICHE pratiche in bench-ente-1
 * (default 1,000,000 on PostgreSQL, 20,000 on SQLite) of 1 citizen in 10,
 * spread over 3 years and over its services, plus the operator the bench
 * logs in as (BENCH_OPERATOR, enabled for the first 10 services and 2
 * offices). One pratica in 10 belongs to "Servizio numero 1", never a
 * draft, with a form of name, surname and amount: exporting that service
 * exports exactly a tenth of the pratiche (100,000 of a million).
 * Multi-row inserts (1,000 rows, 400 on SQLite); runs once (its first
 * citizen in bench-ente-1 means the rest is there). bin/bench_scenarios.js
 * logs in as BENCH_OPERATOR.
 */
export const BENCH_OPERATOR = { username: 'operatore.2', password: 'Bench.2026' }

const FIRST_NAMES = ['Mario', 'Giulia', 'Luca', 'Francesca', 'Marco', 'Chiara', 'Andrea', 'Sara', 'Paolo', 'Elena', 'Giuseppe', 'Anna', 'Stefano', 'Laura', 'Davide', 'Marta', 'Matteo', 'Silvia', 'Lorenzo', 'Valentina'] // prettier-ignore
const LAST_NAMES = ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno', 'Gallo', 'Conti', 'De Luca', 'Mancini', 'Costa', 'Giordano', 'Rizzo', 'Lombardi', 'Moretti', 'Barbieri', 'Fontana', 'Santoro', 'Mariani', 'Rinaldi', 'Caruso', 'Ferrara', 'Galli', 'Martini', 'Leone', 'Longo', 'Gentile', 'Martinelli', 'Vitale', 'Lombardo', 'Serra', 'Coppola', 'De Santis', "D'Angelo", 'Marchetti', 'Parisi', 'Villa', 'Conte', 'Ferraro', 'Ferri', 'Fabbri', 'Bianco', 'Marini', 'Grasso', 'Valentini'] // prettier-ignore
// how often each state occurs among sent pratiche
const SENT_STATES = [1500, 1900, 2000, 2000, 3000, 4000, 4000, 4000, 4100, 4200, 4500, 7000, 7000, 7000, 7000, 9000, 9000, 20000, 50000, 2000] // prettier-ignore
const BENCH_FORM = {
  display: 'form',
  title: 'Richiesta',
  components: [
    { type: 'textfield', key: 'name', label: 'Nome', input: true },
    { type: 'textfield', key: 'surname', label: 'Cognome', input: true },
    { type: 'number', key: 'importo', label: 'Importo', input: true },
  ],
}
// SQLite takes at most 500 rows in one insert
const batchSize = () => (db.connection().dialect.name === 'postgres' ? 1000 : 400)
const THREE_YEARS_S = 3 * 365 * 24 * 3600

function benchPraticheCount() {
  const fallback = db.connection().dialect.name === 'postgres' ? 1_000_000 : 20_000
  return Number(process.env.BENCH_PRATICHE || fallback)
}

export async function seedBenchPratiche(count: number) {
  const ente = await Ente.findByOrFail('slug', 'bench-ente-1')
  const alreadySeeded = await db
    .from('citizens')
    .where('ente_id', ente.id)
    .where('fiscal_code', benchFiscalCode(0))
    .first()
  if (count <= 0 || alreadySeeded) return
  const started = Date.now()
  const batch = batchSize()
  const services = await Service.query().where('ente_id', ente.id).orderBy('id')
  const users = await User.query().where('ente_id', ente.id).orderBy('id')
  const offices = await Office.query().where('ente_id', ente.id).orderBy('id')
  const operator = users.find((user) => user.username === BENCH_OPERATOR.username)!
  await operator.related('services').sync(services.slice(0, 10).map((service) => service.id))
  await operator.related('offices').sync(offices.slice(0, 2).map((office) => office.id))
  const formVersion = await saveFormVersion(services[0], BENCH_FORM)

  const citizenCount = Math.max(1, Math.ceil(count / 10))
  for (let from = 0; from < citizenCount; from += batch) {
    const rows = range(from, Math.min(from + batch, citizenCount)).map((n) => ({
      ente_id: ente.id,
      fiscal_code: benchFiscalCode(n),
      first_name: FIRST_NAMES[n % FIRST_NAMES.length],
      last_name: LAST_NAMES[Math.floor(n / FIRST_NAMES.length) % LAST_NAMES.length],
      identity_source: 'spid',
      locked_fields: '[]',
      created_at: timestamp(new Date()),
      updated_at: timestamp(new Date()),
    }))
    await db.table('citizens').multiInsert(rows)
  }
  // in the order of their number, which their codice fiscale spells
  const citizenRows = await db
    .from('citizens')
    .where('ente_id', ente.id)
    .whereLike('fiscal_code', 'BNC%')
    .orderBy('fiscal_code')
    .select('id')
  const citizenIds = citizenRows.map((row) => Number(row.id))

  const now = Date.now()
  for (let from = 0; from < count; from += batch) {
    const rows = range(from, Math.min(from + batch, count)).map((n) => {
      const random = seeded(n)
      const first = n % 10 === 0
      const status = first
        ? SENT_STATES[Math.floor(random() * SENT_STATES.length)]
        : random() < 0.02
          ? 1000
          : SENT_STATES[Math.floor(random() * SENT_STATES.length)]
      const changed = new Date(now - Math.floor(random() * THREE_YEARS_S) * 1000)
      const created = new Date(changed.getTime() - Math.floor(random() * 60 * 24 * 3600) * 1000)
      const citizenIndex = Math.floor(random() * citizenCount)
      return {
        ente_id: ente.id,
        uuid: randomUUID(),
        service_id: first ? services[0].id : services[1 + (n % (services.length - 1))].id,
        form_version_id: first ? formVersion.id : null,
        citizen_id: citizenIds[citizenIndex],
        status,
        partial: false,
        data: first
          ? JSON.stringify({
              name: FIRST_NAMES[citizenIndex % FIRST_NAMES.length],
              surname:
                LAST_NAMES[Math.floor(citizenIndex / FIRST_NAMES.length) % LAST_NAMES.length],
              importo: Math.round(random() * 50000) / 100,
            })
          : '{}',
        auth_method: random() < 0.8 ? 'spid' : 'cie',
        auth_level: 2,
        operator_id: random() < 0.4 ? null : users[Math.floor(random() * users.length)].id,
        office_id: random() < 0.3 ? null : offices[Math.floor(random() * offices.length)].id,
        priority: Math.floor(random() * 3),
        submitted_at: status === 1000 ? null : timestamp(created),
        status_changed_at: timestamp(changed),
        created_at: timestamp(created),
        updated_at: timestamp(changed),
      }
    })
    await db.table('pratiche').multiInsert(rows)
    if ((from + batch) % 100_000 < batch) {
      logger.info(`bench: ${from + batch} pratiche su ${count} (${secondsSince(started)} s)`)
    }
  }
  // fresh statistics (and, on PostgreSQL, the visibility map index-only scans need)
  const postgres = db.connection().dialect.name === 'postgres'
  for (const table of ['citizens', 'pratiche']) {
    await db.rawQuery(postgres ? `vacuum analyze ${table}` : `analyze ${table}`)
  }
  logger.info(`bench: ${count} pratiche e ${citizenCount} cittadini in ${secondsSince(started)} s`)
}

/** Not a real codice fiscale: BNC, the citizen's number, a fixed tail (unique in the ente). */
function benchFiscalCode(n: number) {
  return `BNC${String(n).padStart(8, '0')}Z000X`
}

function range(from: number, to: number) {
  return Array.from({ length: to - from }, (_, index) => from + index)
}

/** The same bench data on every run: a small PRNG (mulberry32) seeded by the row number. */
function seeded(seed: number) {
  let state = seed * 2654435761
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** As Lucid writes timestamps: ISO with offset on PostgreSQL, "yyyy-MM-dd HH:mm:ss" on SQLite. */
function timestamp(date: Date) {
  const value = DateTime.fromJSDate(date)
  return db.connection().dialect.name === 'postgres'
    ? value.toISO()
    : value.toFormat('yyyy-MM-dd HH:mm:ss')
}

function secondsSince(start: number) {
  return Math.round((Date.now() - start) / 1000)
}
