import { platformOrigin } from '#plugin_runtime/plugin_context'

/** The addresses of a pratica's payment step (start/routes/payments.ts, start/routes/pratiche.ts). */
export function paymentPaths(enteSlug: string, uuid: string) {
  const base = `/${enteSlug}/pratiche/${uuid}/pagamento`
  return {
    step: base,
    online: `${base}/online`,
    landing: `${base}/esito`,
    status: `${base}/stato`,
    retry: `${base}/riprova`,
    notice: (positionUuid: string) => `${base}/avvisi/${positionUuid}`,
  }
}

/** Absolute, for the intermediary's checkout to send the citizen back. */
export function absolute(path: string) {
  return `${platformOrigin()}${path}`
}
