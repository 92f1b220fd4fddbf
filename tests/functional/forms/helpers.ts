import { readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import { EnteFactory } from '#factories/ente_factory'
import { UserFactory } from '#factories/user_factory'
import { ServiceFactory } from '#factories/service_factory'
import { saveFormVersion } from '#services/forms/form_versions'

/** An ente with an ente admin and a service whose form is the given JSON file. */
export async function serviceWithForm(formPath: string) {
  const ente = await EnteFactory.create()
  const admin = await UserFactory.apply('enteAdmin').merge({ enteId: ente.id }).create()
  const service = await ServiceFactory.merge({ enteId: ente.id }).create()
  const schema = JSON.parse(await readFile(app.makePath(formPath), 'utf8'))
  const version = await saveFormVersion(service, schema)
  return {
    ente,
    admin,
    service,
    version,
    url: `/${ente.slug}/servizi/${service.slug}/anteprima-modulo`,
  }
}

export const ALL_COMPONENTS = 'tests/fixtures/forms/all_components.json'
