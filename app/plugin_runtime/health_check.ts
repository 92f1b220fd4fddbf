import type { HealthCheckResult, PluginContext } from '#plugin_runtime/define_plugin'
import type { AnyPluginManifest } from '#plugin_runtime/registry'

/** A remote system that does not answer must not hold the admin's request. */
const HEALTH_CHECK_TIMEOUT_MS = 10_000

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`nessuna risposta entro ${ms / 1000} secondi`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

function isHealthCheckResult(value: unknown): value is HealthCheckResult {
  return typeof value === 'object' && value !== null && typeof (value as any).ok === 'boolean'
}

/**
 * Builds a fresh adapter from the configuration just saved and runs the
 * plugin's check. Never throws: a failure is a result to show the admin.
 * Without a healthCheck, building the adapter is the check.
 */
export async function runHealthCheck(
  manifest: AnyPluginManifest,
  context: PluginContext<Record<string, unknown>>,
  timeoutMs = HEALTH_CHECK_TIMEOUT_MS
): Promise<HealthCheckResult> {
  try {
    return await withTimeout(
      (async () => {
        const adapter = await manifest.create(context)
        if (!manifest.healthCheck) return { ok: true } as const
        const result: unknown = await manifest.healthCheck(context, adapter)
        return isHealthCheckResult(result)
          ? result
          : { ok: false as const, message: 'la verifica non ha restituito un esito valido' }
      })(),
      timeoutMs
    )
  } catch (error) {
    context.logger.warn({ err: error }, 'plugin health check failed')
    return { ok: false, message: error instanceof Error ? error.message : String(error) }
  }
}
