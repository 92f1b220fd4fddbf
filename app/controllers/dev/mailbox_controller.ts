import type { HttpContext } from '@adonisjs/core/http'
import DevMail from '#models/dev_mail'

/**
 * The development mailbox: every e-mail the platform sent, as it would
 * have been delivered. Mounted only outside production.
 */
export default class MailboxController {
  async index({ view, request }: HttpContext) {
    const to = String(request.input('to', '')).trim()
    const query = DevMail.query().orderBy('id', 'desc')
    if (to) query.where('to_addresses', 'like', `%${to}%`)
    const mails = await query.paginate(Number(request.input('page', 1)) || 1, 50)
    mails.baseUrl('/dev/mailbox')
    mails.queryString(to ? { to } : {})
    return view.render('pages/dev/mailbox/index', {
      title: 'Casella di posta di sviluppo',
      mails,
      to,
    })
  }

  async show({ view, params }: HttpContext) {
    const mail = await DevMail.findOrFail(params.id)
    return view.render('pages/dev/mailbox/show', { title: mail.subject, mail })
  }

  /** The HTML body alone, framed by the show page in a sandboxed iframe. */
  async html({ response, params }: HttpContext) {
    const mail = await DevMail.findOrFail(params.id)
    response.header(
      'Content-Security-Policy',
      "default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'"
    )
    response.header('X-Frame-Options', 'SAMEORIGIN')
    return response.type('text/html').send(mail.html ?? `<pre>${escapeHtml(mail.text ?? '')}</pre>`)
  }

  async destroyAll({ response, session }: HttpContext) {
    await DevMail.query().delete()
    session.flash('success', 'Casella svuotata.')
    return response.redirect('/dev/mailbox')
  }
}

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}
