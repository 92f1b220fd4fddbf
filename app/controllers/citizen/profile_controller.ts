import type { HttpContext } from '@adonisjs/core/http'
import {
  CitizenMessages,
  citizenProfileValidator,
  ID_DOCUMENT_TYPES,
} from '#validators/citizen_profile'
import { updateCitizenProfile } from '#services/citizens/update_profile'
import { copyAddressInput } from '#services/citizens/copy_address'

const COPY_SOURCES = { residenza: 'residence', domicilio: 'domicile' } as const

/**
 * The manual's "Profilo": contacts, personal data, residence and domicile,
 * identity card. Fields asserted by SPID/CIE are shown but not editable.
 */
export default class ProfileController {
  async show({ view, auth }: HttpContext) {
    return view.render('pages/citizen/profile', {
      citizen: auth.use('citizen').getUserOrFail(),
      documentTypes: ID_DOCUMENT_TYPES,
    })
  }

  async update({ request, response, session, auth, i18n, ente }: HttpContext) {
    const citizen = auth.use('citizen').getUserOrFail()
    const profileUrl = `/${ente.slug}/area-personale/profilo`

    // "Copia da ..." without JavaScript: back to the form, copied, unsaved
    const copyFrom = COPY_SOURCES[request.input('copia') as keyof typeof COPY_SOURCES]
    if (copyFrom) {
      session.flash(copyAddressInput(request.except(['_csrf', 'copia']), copyFrom, citizen))
      session.flash('info', i18n.t('profile.copied'))
      const target = copyFrom === 'residence' ? 'domicilio' : 'residenza'
      return response.redirect(`${profileUrl}#${target}`)
    }

    const input = await request.validateUsing(citizenProfileValidator, {
      meta: { lockedFields: citizen.lockedFields },
      messagesProvider: new CitizenMessages(i18n),
    })
    await updateCitizenProfile(citizen, input)
    session.flash('success', i18n.t('profile.saved'))
    return response.redirect(profileUrl)
  }
}
