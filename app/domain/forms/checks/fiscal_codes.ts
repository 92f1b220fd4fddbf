/**
 * Codice fiscale and partita IVA checks, from the platform's own modules
 * (pure, no imports: they are served to the browser with the forms engine).
 */
export { isValidCodiceFiscale, normaliseCodiceFiscale } from '../../codice_fiscale.js'
export { isValidPartitaIva, normalisePartitaIva } from '../../partita_iva.js'
