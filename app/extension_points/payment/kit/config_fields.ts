import { field } from '#extension_points/config_fields'

/**
 * Settings every payment connector has, with the same words on the ente
 * admin's plugin page.
 */
export const paymentFields = {
  /** how long a call to the remote may take before it counts as failed (and is retried) */
  timeoutMs: () =>
    field.number({
      label: 'Attesa massima di una risposta (millisecondi)',
      help: 'Oltre questo tempo la richiesta si considera non riuscita e verrà ripetuta',
      optional: true,
      min: 100,
      max: 120_000,
    }),
}
