/**
 * Faults the simulator injects on request, for tests (in-process state; the
 * HTTP APIs never expose it). Each fault is armed for the next call of one
 * operation (by operationId) and fires once:
 * - `fail`: answer `status` without doing anything (pagoPA down, 500);
 * - `failAfter`: do the work, then answer `status` (the remote did it but
 *   reported an error);
 * - `loseAnswer`: do the work, then hold the answer for `delayMs` (the
 *   caller times out: the answer is lost).
 */
export type Fault =
  | { kind: 'fail'; status: number }
  | { kind: 'failAfter'; status: number }
  | { kind: 'loseAnswer'; delayMs: number }

const armed = new Map<string, Fault[]>()

export const faults = {
  arm(operationId: string, fault: Fault) {
    armed.set(operationId, [...(armed.get(operationId) ?? []), fault])
  },
  /** The fault for this call, if one is armed (and disarms it). */
  take(operationId: string): Fault | null {
    const queue = armed.get(operationId)
    const fault = queue?.shift() ?? null
    if (queue && !queue.length) armed.delete(operationId)
    return fault
  },
  clear() {
    armed.clear()
  },
}
