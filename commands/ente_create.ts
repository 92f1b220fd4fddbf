import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Adds an ente from the command line (the same as "Nuovo ente" in
 * /admin), with its first ente admin, who then sets a password.
 */
export default class EnteCreate extends BaseCommand {
  static commandName = 'ente:create'
  static description = 'Create an ente (tenant) and its first ente admin'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Address prefix, e.g. comune-di-bugliano', required: true })
  declare slug: string

  @flags.string({ description: 'Name, e.g. "Comune di Bugliano"', required: true })
  declare name: string

  @flags.string({ description: 'Codice fiscale of the ente (11 digits)', required: true })
  declare codiceFiscale: string

  @flags.string({ description: 'Codice IPA' })
  declare codiceIpa?: string

  @flags.string({ description: 'Own host name, e.g. servizi.comune.example.it' })
  declare host?: string

  @flags.string({ description: 'Username of the first ente admin' })
  declare adminUsername?: string

  @flags.string({ description: 'E-mail of the first ente admin' })
  declare adminEmail?: string

  async run() {
    const { errors } = await import('@vinejs/vine')
    const { createEnteValidator } = await import('#validators/ente')
    const { createEnte } = await import('#services/enti/create_ente')
    const { default: User } = await import('#models/user')

    let data
    try {
      data = await createEnteValidator.validate({
        slug: this.slug,
        name: this.name,
        codiceFiscale: this.codiceFiscale,
        codiceIpa: this.codiceIpa,
        host: this.host,
      })
    } catch (error) {
      if (error instanceof errors.E_VALIDATION_ERROR) {
        for (const message of error.messages)
          this.logger.error(`${message.field}: ${message.message}`)
        this.exitCode = 1
        return
      }
      throw error
    }

    const ente = await createEnte(data)
    this.logger.success(`Ente "${ente.name}" creato: /${ente.slug}/`)

    if (this.adminUsername && this.adminEmail) {
      await User.create({
        enteId: ente.id,
        role: 'ente_admin',
        username: this.adminUsername.toLowerCase(),
        email: this.adminEmail,
        firstName: 'Amministratore',
        lastName: ente.name,
        password: null,
        isEnabled: true,
      })
      this.logger.info(
        `Amministratore "${this.adminUsername}" creato: imposta la password con "node ace user:password"`
      )
    }
  }
}
