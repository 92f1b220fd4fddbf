import { EnteFactory } from '#factories/ente_factory'
import { UserFactory } from '#factories/user_factory'
import { ServiceFactory } from '#factories/service_factory'
import { saveFormVersion } from '#services/forms/form_versions'
import type Service from '#models/service'

/** A small Form.io form: a name and a select. */
export const SMALL_FORM = {
  display: 'form',
  title: 'Modulo di prova',
  components: [
    { type: 'textfield', key: 'nome', label: 'Nome', input: true, validate: { required: true } },
    {
      type: 'select',
      key: 'tipo',
      label: 'Tipo di richiesta',
      input: true,
      data: {
        values: [
          { value: 'nuovo', label: 'Nuovo permesso' },
          { value: 'rinnovo', label: 'Rinnovo' },
        ],
      },
    },
  ],
}

/** An ente with its admin, an operator, and a service with a saved form (version 1). */
export async function adminWithService() {
  const ente = await EnteFactory.merge({ languages: ['it', 'en', 'de'] }).create()
  const admin = await UserFactory.apply('enteAdmin').merge({ enteId: ente.id }).create()
  const operator = await UserFactory.merge({ enteId: ente.id }).create()
  const service = await ServiceFactory.merge({
    enteId: ente.id,
    name: 'Permesso ZTL',
    slug: 'permesso-ztl',
  }).create()
  await saveFormVersion(service, SMALL_FORM)
  return { ente, admin, operator, service, base: `/${ente.slug}/backoffice/servizi/${service.id}` }
}

/** The same service read again from the database. */
export async function reloaded(service: Service) {
  await service.refresh()
  return service
}
