import env from '#start/env'

/**
 * Changes environment variables for one test; the returned function puts
 * them back, deleting those that were not set (Env.set also writes
 * process.env, which child processes inherit).
 */
export function overrideEnv(values: Record<string, string | number | boolean>) {
  const previous = Object.keys(values).map((key) => [key, process.env[key]] as const)
  for (const [key, value] of Object.entries(values)) {
    env.set(key as any, value as any)
  }
  return () => {
    for (const [key, value] of previous) {
      if (value === undefined) {
        env.set(key as any, undefined as any)
        // after env.set, which would write the string "undefined"
        delete process.env[key]
      } else {
        env.set(key as any, value as any)
      }
    }
  }
}
