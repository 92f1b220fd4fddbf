/**
 * Failures the simulated MyPay can be told to show on its next SOAP
 * requests, for the fault tests (one process: the simulator mounted in the
 * app or served by a test):
 * - `http500`: answers 500 with an HTML error page, having done nothing;
 * - `timeout`: answers nothing until the client has given up, having done nothing;
 * - `lostAnswer`: does the work, then answers too late (the client gave up);
 * - `twice`: does the work twice (a proxy that retried the request) and
 *   sends the second answer.
 */
export type SoapFault = 'http500' | 'timeout' | 'lostAnswer' | 'twice'

const queue: Array<{ fault: SoapFault; operation?: string }> = []

export const simulatorFaults = {
  /** how long `timeout` and `lostAnswer` hold the answer: longer than the client waits */
  holdMs: 2_000,

  /** The next request (of this operation, when given) fails this way. */
  inject(fault: SoapFault, options: { operation?: string; times?: number } = {}) {
    for (let count = 0; count < (options.times ?? 1); count++)
      queue.push({ fault, operation: options.operation })
  },

  /** The fault waiting for a request of this operation, taken off the queue. */
  take(operation: string): SoapFault | undefined {
    const index = queue.findIndex((item) => !item.operation || item.operation === operation)
    return index === -1 ? undefined : queue.splice(index, 1)[0].fault
  },

  clear() {
    queue.length = 0
  },
}
