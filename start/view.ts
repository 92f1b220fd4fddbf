/*
|--------------------------------------------------------------------------
| Edge globals
|--------------------------------------------------------------------------
*/
import edge from 'edge.js'
import env from '#start/env'
import { DateTime } from 'luxon'
import { asset } from '#controllers/assets_controller'

edge.global('appName', 'Servizi digitali')
edge.global('demoMode', env.get('NODE_ENV') !== 'production')
/** Versioned URL of a served CSS/JS/SVG file (long-cached). */
edge.global('asset', asset)

/** Dates shown to people: Italian format, Europe/Rome. */
edge.global('formatDate', (value: DateTime | Date | string | null, withTime = true) => {
  if (!value) return ''
  const date =
    value instanceof DateTime
      ? value
      : value instanceof Date
        ? DateTime.fromJSDate(value)
        : DateTime.fromISO(value)
  return date.setZone('Europe/Rome').toFormat(withTime ? 'dd/MM/yyyy HH:mm' : 'dd/MM/yyyy')
})
