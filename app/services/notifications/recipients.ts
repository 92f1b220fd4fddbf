import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import type Pratica from '#models/pratica'

/**
 * Who among the staff hears of a pratica's changes: every account of its
 * ente enabled for its service ("il sistema abilita automaticamente l'invio
 * di notifiche" when an operator is enabled for a service) and not disabled
 * ("Abilitato" off). The manual: these cannot be switched off.
 */
export function operatorsToNotify(pratica: Pratica) {
  return User.query()
    .where('ente_id', pratica.enteId)
    .where('is_enabled', true)
    .whereIn(
      'id',
      db.from('operator_services').select('user_id').where('service_id', pratica.serviceId)
    )
    .orderBy('id')
}
