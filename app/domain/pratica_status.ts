/**
 * The states of a pratica and the transitions between them: OpenCity's
 * codes and edges (database/data/opencity/enums.json, checked against this
 * file by tests/unit/domain/pratica_status.spec.ts) plus the edges DESIGN.md
 * adds. Every state change goes through `assertTransition`.
 */
export const PraticaStatus = {
  DRAFT: 1000,
  PAYMENT_PENDING: 1500,
  PAYMENT_OUTCOME_PENDING: 1510,
  PAYMENT_SUCCESS: 1520,
  PAYMENT_ERROR: 1530,
  PRE_SUBMIT: 1900,
  SUBMITTED: 2000,
  REGISTERED: 3000,
  PENDING: 4000,
  REQUEST_INTEGRATION: 4100,
  DRAFT_FOR_INTEGRATION: 4200,
  SUBMITTED_AFTER_INTEGRATION: 4300,
  REGISTERED_AFTER_INTEGRATION: 4400,
  PENDING_AFTER_INTEGRATION: 4500,
  PROCESSING: 5000,
  COMPLETE_WAITING_REGISTRATION: 6000,
  COMPLETE: 7000,
  CANCELLED_WAITING_REGISTRATION: 8000,
  CANCELLED: 9000,
  WITHDRAWN: 20000,
  REVOKED: 50000,
} as const

export type PraticaStatusCode = (typeof PraticaStatus)[keyof typeof PraticaStatus]

/** Italian labels, as OpenCity shows them. */
export const PRATICA_STATUS_LABELS: Record<PraticaStatusCode, string> = {
  1000: 'Bozza',
  1500: 'In attesa di pagamento',
  1510: "In attesa dell'esito di pagamento",
  1520: 'Pagamento avvenuto con successo',
  1530: 'Pagamento rifiutato',
  1900: 'Inviata',
  2000: 'Acquisita',
  3000: 'Protocollata',
  4000: 'In carico',
  4100: 'Richiesta integrazioni',
  4200: 'In attesa di integrazioni',
  4300: 'Integrazioni in attesa di protocollazione',
  4400: 'Integrazioni protocollate',
  4500: 'Presa in carico in seguito a integrazioni',
  5000: 'In elaborazione',
  6000: 'Accettata (in attesa di protocollazione del documento di esito)',
  7000: 'Accettata',
  8000: 'Rifiutata (in attesa di protocollazione del documento di esito)',
  9000: 'Rifiutata',
  20000: 'Ritirata',
  50000: 'Annullata',
}

/** Partial approval is 7000 with `partial: true`; API consumers keep seeing 7000. */
export const PARTIAL_APPROVAL_LABEL = 'Parzialmente approvata'

/** OpenCity's valid status changes. */
const OPENCITY_EDGES: Array<[PraticaStatusCode, PraticaStatusCode]> = [
  [1000, 1900],
  [1900, 2000],
  [1000, 1500],
  [1500, 1510],
  [1500, 1520],
  [1500, 1530],
  [1510, 1520],
  [1510, 1530],
  [1520, 1900],
  [1520, 6000],
  [1520, 7000],
  [2000, 3000],
  [2000, 4000],
  [3000, 4000],
  [4000, 4000],
  [4000, 4100],
  [4100, 4200],
  [4200, 4300],
  [4300, 4400],
  [4300, 4500],
  [4300, 4000],
  [4400, 4500],
  [4400, 4000],
  [4500, 4000],
  [4500, 4100],
  [4500, 7000],
  [4500, 9000],
  [4500, 6000],
  [4500, 8000],
  [4000, 1500],
  [4000, 7000],
  [4000, 9000],
  [4000, 6000],
  [4000, 8000],
  [6000, 7000],
  [8000, 9000],
  [9000, 9000],
  [1900, 20000],
  [2000, 20000],
  [3000, 20000],
  [4000, 20000],
  [4100, 20000],
  [4200, 20000],
  [4400, 20000],
  [9000, 4000],
  [7000, 4000],
  [20000, 4000],
]

/**
 * DESIGN.md's additions: the operator cancels an integration request
 * (4100/4200 → 4000), and a failed or expired payment is tried again with
 * a new position (1530 → 1500).
 */
const DESIGN_EDGES: Array<[PraticaStatusCode, PraticaStatusCode]> = [
  [4100, 4000],
  [4200, 4000],
  [1530, 1500],
]

export const PRATICA_TRANSITIONS: ReadonlyArray<readonly [PraticaStatusCode, PraticaStatusCode]> = [
  ...OPENCITY_EDGES,
  ...DESIGN_EDGES,
]

const allowed = new Set(PRATICA_TRANSITIONS.map(([from, to]) => `${from}>${to}`))

/** Waiting for a payment or a marca da bollo (1500), or for the outcome of a payment started (1510). */
export const AWAITING_PAYMENT: PraticaStatusCode[] = [1500, 1510]

/** The payment step's states: awaiting a payment, or after a refused one (1530, "Riprova"). */
export const PAYMENT_STEP_STATES: PraticaStatusCode[] = [...AWAITING_PAYMENT, 1530]

/** States a pratica never leaves on its own (reopening aside). */
export const FINAL_STATES: PraticaStatusCode[] = [7000, 9000, 20000, 50000]

/** The targets of the backoffice's "Cambio stato" (OpenCity allows only these by hand). */
export const MANUAL_CHANGE_TARGETS: PraticaStatusCode[] = [1500, 2000, 3000, 4000, 50000]

export class InvalidTransitionError extends Error {
  constructor(
    readonly from: PraticaStatusCode,
    readonly to: PraticaStatusCode
  ) {
    super(
      `La pratica non può passare da "${PRATICA_STATUS_LABELS[from]}" a "${PRATICA_STATUS_LABELS[to]}"`
    )
  }
}

export function isPraticaStatus(code: number): code is PraticaStatusCode {
  return code in PRATICA_STATUS_LABELS
}

export function canTransition(from: PraticaStatusCode, to: PraticaStatusCode): boolean {
  return allowed.has(`${from}>${to}`)
}

export function assertTransition(from: PraticaStatusCode, to: PraticaStatusCode): void {
  if (!canTransition(from, to)) {
    throw new InvalidTransitionError(from, to)
  }
}

/** The states reachable from `from`. */
export function nextStates(from: PraticaStatusCode): PraticaStatusCode[] {
  return PRATICA_TRANSITIONS.filter(([source]) => source === from).map(([, target]) => target)
}

/** The label of a state, "Parzialmente approvata" for a partial 7000. */
export function statusLabel(code: PraticaStatusCode, options: { partial?: boolean } = {}): string {
  return code === PraticaStatus.COMPLETE && options.partial
    ? PARTIAL_APPROVAL_LABEL
    : PRATICA_STATUS_LABELS[code]
}

/** The personal area's counters, as DESIGN.md maps them to states. */
export const CITIZEN_COUNTERS = {
  'In bozza': [1000],
  'Da pagare': [1500, 1510, 1520, 1530],
  'Inviate': [1900, 2000, 3000, 4000, 4300, 4400, 4500],
  'Da integrare': [4100, 4200],
  'Accettate': [6000, 7000],
  'Rifiutate': [8000, 9000],
  'Ritirate': [20000],
  'Annullate': [50000],
} as const satisfies Record<string, PraticaStatusCode[]>

export type CitizenCounter = keyof typeof CITIZEN_COUNTERS

export function counterOf(code: PraticaStatusCode): CitizenCounter | null {
  const entry = Object.entries(CITIZEN_COUNTERS).find(([, codes]) =>
    (codes as readonly number[]).includes(code)
  )
  return (entry?.[0] as CitizenCounter | undefined) ?? null
}
