import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Sets a staff member's password from the command line (first ente admin,
 * locked-out platform admin).
 */
export default class UserPassword extends BaseCommand {
  static commandName = 'user:password'
  static description = "Set a staff member's password"
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Username' })
  declare username: string

  @flags.string({ description: 'Slug of the ente (omit for a platform admin)' })
  declare ente?: string

  async run() {
    const { default: User } = await import('#models/user')
    const { default: Ente } = await import('#models/ente')

    const ente = this.ente ? await Ente.findBy('slug', this.ente) : null
    if (this.ente && !ente) {
      this.logger.error(`Ente "${this.ente}" non trovato`)
      this.exitCode = 1
      return
    }
    const query = User.query().where('username', this.username.toLowerCase())
    const user = await (ente ? query.where('ente_id', ente.id) : query.whereNull('ente_id')).first()
    if (!user) {
      this.logger.error(`Utente "${this.username}" non trovato`)
      this.exitCode = 1
      return
    }
    const password = await this.prompt.secure('Nuova password (almeno 10 caratteri)', {
      validate: (value) => value.length >= 10 || 'La password deve avere almeno 10 caratteri',
    })
    await user.setPassword(password)
    await user.save()
    this.logger.success(`Password di "${user.username}" aggiornata`)
  }
}
