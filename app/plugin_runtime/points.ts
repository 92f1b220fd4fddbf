import type { ExtensionPoint } from '#plugin_runtime/define_plugin'

/** How the screens name each extension point. */
export const POINT_LABELS: Record<ExtensionPoint, string> = {
  identity: 'Autenticazione',
  payment: 'Pagamenti',
  protocol: 'Protocollo',
  messaging: 'Messaggi',
}

/**
 * An ente logs citizens in with several identity plugins (SPID, CIE) and
 * writes through several messaging ones (e-mail, App IO), but pays through
 * one intermediary and protocols in one register.
 */
export function allowsSeveralEnabled(point: ExtensionPoint) {
  return point === 'identity' || point === 'messaging'
}
