import { readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import Service from '#models/service'
import { defineSeeder } from '#services/setup/versioned_seeders'
import { saveFormVersion } from '#services/forms/form_versions'
import { simpleServiceForm } from '#database/data/forms/simple_service_form'

/**
 * Demo: every demo service gets a form. "Richiedere permesso di accesso ad
 * area ZTL" has the manual's blocks (Informativa privacy, Tipo di
 * richiesta with "delegato da un'altra persona" showing Beneficiario and
 * Delega, Richiedente, vehicles, Documenti allegati); "Segnalare
 * disservizio" has OpenCity's own form, imported unchanged; the others a
 * simple form with the common blocks.
 */
const SHIPPED_FORMS: Record<string, string> = {
  'richiedere-permesso-accesso-area-ztl': 'database/data/forms/services/ztl.json',
  'segnalare-disservizio': 'database/data/opencity/formio/services/inefficiencies.json',
}

export default defineSeeder({
  demo: true,
  async run(trx) {
    const services = await Service.query({ client: trx }).orderBy('id')
    for (const service of services) {
      const path = SHIPPED_FORMS[service.slug]
      const schema = path
        ? JSON.parse(await readFile(app.makePath(path), 'utf8'))
        : simpleServiceForm(service.name)
      await saveFormVersion(service, schema, { client: trx })
    }
  },
})
