/**
 * The addresses of a pratica's own pages (start/routes/pratiche.ts), by
 * its "Numero richiesta". The personal area's page of the pratica is
 * /:ente/area-personale/pratiche/:pratica.
 */
export function praticaPaths(enteSlug: string, uuid: string) {
  const base = `/${enteSlug}/pratiche/${uuid}`
  return {
    compile: `${base}/compila`,
    summary: `${base}/riepilogo`,
    submit: `${base}/invia`,
    receipt: `${base}/ricevuta`,
    payment: `${base}/pagamento`,
    modulo: `${base}/modulo-compilato`,
    withdraw: `${base}/ritira`,
    followUp: `${base}/nuova-richiesta`,
    personalArea: `/${enteSlug}/area-personale/pratiche/${uuid}`,
  }
}

export type PraticaPaths = ReturnType<typeof praticaPaths>
