/**
 * Words of the Elenco pratiche for values stored as codes. Priorities are
 * the manual's three (Bassa, Media, Alta); a new pratica has 0, Bassa.
 */
export const PRIORITY_LABELS: Record<number, string> = {
  0: 'Bassa',
  1: 'Media',
  2: 'Alta',
}
export const PRIORITIES = Object.keys(PRIORITY_LABELS).map(Number)

export function priorityLabel(priority: number): string {
  return PRIORITY_LABELS[priority] ?? String(priority)
}

/** pratiche.auth_method: how the applicant authenticated (the manual's "Spid o CIE"). */
const AUTH_METHOD_LABELS: Record<string, string> = {
  spid: 'SPID',
  cie: 'CIE',
  cns: 'CNS',
  test: 'IdP di test',
  anonymous: 'Senza autenticazione',
  operator: 'Operatore',
}

export function authMethodLabel(method: string | null): string {
  if (!method) return ''
  return AUTH_METHOD_LABELS[method] ?? method.toUpperCase()
}
