import { symbols } from '@vinejs/vine'
import { EXTENSION_POINTS } from '#plugin_runtime/define_plugin'
import { FIELD_INPUTS } from '#plugin_runtime/config_fields'
import { IDENTITY_PATHS } from '#extension_points/identity/contract'
import { PAYMENT_PATHS } from '#extension_points/payment/contract'

/**
 * Structural checks of a plugin manifest, run at boot. A manifest is
 * TypeScript-typed, but the registry also guards against `any`, casts and
 * plain-JS plugins: each problem comes back as one readable sentence.
 */

// semver.org's reference expression
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/

/** Field names become HTML ids and `config[name]` inputs: no dots or brackets. */
const FIELD_NAME = /^[a-zA-Z][a-zA-Z0-9_]*$/
const JOB_NAME = /^[a-z][a-z0-9_]*$/

const MANIFEST_KEYS = new Set([
  'id',
  'point',
  'name',
  'description',
  'version',
  'vendor',
  'capabilities',
  'config',
  'create',
  'healthCheck',
  'routes',
  'views',
  'migrations',
  'jobs',
  'actions',
  'simulator',
  'demo',
])

type Problems = string[]

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0
}

function describe(value: unknown) {
  return typeof value === 'string' ? `"${value}"` : String(value)
}

export function validateManifest(manifest: unknown): Problems {
  if (!isRecord(manifest)) {
    return ['the manifest must be an object (export default definePlugin({ ... }))']
  }
  return [
    ...checkKeys(manifest),
    ...checkIdentity(manifest),
    ...checkCapabilities(manifest.capabilities),
    ...checkConfig(manifest.config),
    ...checkFunctions(manifest),
    ...checkRoutes('routes', manifest.routes, reservedPaths(manifest.point)),
    ...checkSimulator(manifest.simulator),
    ...checkFolders(manifest),
    ...checkJobs(manifest.jobs),
    ...checkActions(manifest.actions),
  ]
}

function checkKeys(manifest: Record<string, unknown>): Problems {
  return Object.keys(manifest)
    .filter((key) => !MANIFEST_KEYS.has(key))
    .map((key) =>
      key === 'secret' || key === 'secrets'
        ? `"${key}" is not a manifest key: secrets are config fields declared with field.secret()`
        : `unknown manifest key "${key}"`
    )
}

function checkIdentity(manifest: Record<string, unknown>): Problems {
  const problems: Problems = []
  const { id, point } = manifest
  const pointIsValid = EXTENSION_POINTS.includes(point as any)
  if (!pointIsValid) {
    problems.push(`point ${describe(point)} is not one of ${EXTENSION_POINTS.join(', ')}`)
  }
  if (typeof id !== 'string' || !/^[a-z]+_[a-z0-9_]+$/.test(id)) {
    problems.push(
      `id ${describe(id)} must match ^<point>_[a-z0-9_]+$ (lowercase, e.g. payment_mypay)`
    )
  } else if (pointIsValid && !id.startsWith(`${point}_`)) {
    problems.push(`id "${id}" must start with "${point}_", the prefix of its point`)
  }
  if (!isNonEmptyString(manifest.name)) problems.push('name must be a non-empty string')
  if (!isNonEmptyString(manifest.description)) {
    problems.push('description must be a non-empty string')
  }
  if (typeof manifest.version !== 'string' || !SEMVER.test(manifest.version)) {
    problems.push(`version ${describe(manifest.version)} is not a semver version (e.g. 1.0.0)`)
  }
  if (manifest.vendor !== undefined && !isNonEmptyString(manifest.vendor)) {
    problems.push('vendor, when given, must be a non-empty string')
  }
  if (manifest.demo !== undefined && typeof manifest.demo !== 'boolean') {
    problems.push('demo, when given, must be true or false')
  }
  return problems
}

function checkCapabilities(capabilities: unknown): Problems {
  if (!isRecord(capabilities)) return ['capabilities must be an object of true/false flags']
  return Object.entries(capabilities)
    .filter(([, value]) => typeof value !== 'boolean')
    .map(([name, value]) => `capability "${name}" must be true or false, got ${describe(value)}`)
}

function checkConfig(config: unknown): Problems {
  if (!isRecord(config)) return ['config must be an object of fields (use field.text(), ...)']
  return Object.entries(config).flatMap(([name, definition]) =>
    checkField(definition, name).map((problem) => `config field "${name}": ${problem}`)
  )
}

function checkField(definition: unknown, name: string): Problems {
  if (!isRecord(definition)) return ['must be built with field.<kind>({ ... })']
  const problems: Problems = []
  if (!FIELD_NAME.test(name)) {
    problems.push('the name must be letters, digits and underscores, starting with a letter')
  }
  if (!isNonEmptyString(definition.label)) problems.push('label must be a non-empty string')
  if (definition.help !== undefined && typeof definition.help !== 'string') {
    problems.push('help, when given, must be a string')
  }
  if (!FIELD_INPUTS.includes(definition.input as any)) {
    problems.push(`input ${describe(definition.input)} is not one of ${FIELD_INPUTS.join(', ')}`)
  }
  if (typeof definition.optional !== 'boolean') problems.push('optional must be true or false')
  if (typeof definition.secret !== 'boolean') {
    problems.push('secret must be true or false')
  } else if (definition.secret) {
    if (definition.input !== 'password') problems.push('a secret field must use a password input')
    if (definition.default !== undefined) {
      problems.push('a secret field cannot have a default (it would be a secret in the code)')
    }
  } else if (definition.input === 'password') {
    problems.push('a password input must be a secret field (field.secret()), to be encrypted')
  }
  problems.push(...checkOptions(definition))
  const schema = definition.schema as Record<symbol, unknown> | undefined
  if (!schema || typeof schema[symbols.PARSE] !== 'function') {
    problems.push('schema must be a VineJS schema')
  }
  return problems
}

function checkOptions(definition: Record<string, unknown>): Problems {
  const { options } = definition
  if (definition.input !== 'select') {
    return options === undefined ? [] : ['options are only for select fields']
  }
  const valid =
    Array.isArray(options) &&
    options.length > 0 &&
    options.every(
      (option) =>
        isRecord(option) && isNonEmptyString(option.label) && typeof option.value === 'string'
    )
  return valid ? [] : ['a select field needs a non-empty list of { value, label } options']
}

function checkFunctions(manifest: Record<string, unknown>): Problems {
  const problems: Problems = []
  if (typeof manifest.create !== 'function') {
    problems.push('create must be a function building the adapter')
  }
  if (manifest.healthCheck !== undefined && typeof manifest.healthCheck !== 'function') {
    problems.push('healthCheck, when given, must be a function')
  }
  return problems
}

/** Paths the core serves under a plugin's prefix: its own routes there would never be reached. */
function reservedPaths(point: unknown): string[] {
  if (point === 'identity') return ['/login', ...Object.values(IDENTITY_PATHS)]
  if (point === 'payment') return [PAYMENT_PATHS.notification]
  return []
}

function checkRoutes(where: string, routes: unknown, reserved: string[] = []): Problems {
  if (routes === undefined) return []
  if (!Array.isArray(routes)) return [`${where} must be a list of routes`]
  const seen = new Set<string>()
  return routes.flatMap((route, index) => {
    const label = `${where}[${index}]`
    if (!isRecord(route)) return [`${label} must be an object`]
    const problems: Problems = []
    if (route.method !== 'GET' && route.method !== 'POST') {
      problems.push(`${label}: method must be GET or POST`)
    }
    if (typeof route.path !== 'string' || !route.path.startsWith('/')) {
      problems.push(`${label}: path must start with "/"`)
    } else if (reserved.includes(route.path)) {
      problems.push(`${label}: ${route.path} is served by the platform for this extension point`)
    }
    if (typeof route.handler !== 'function') problems.push(`${label}: handler must be a function`)
    if (route.csrfExempt !== undefined && typeof route.csrfExempt !== 'boolean') {
      problems.push(`${label}: csrfExempt must be true or false`)
    }
    const key = `${route.method} ${route.path}`
    if (seen.has(key)) problems.push(`${label}: ${key} is declared twice`)
    seen.add(key)
    return problems
  })
}

function checkSimulator(simulator: unknown): Problems {
  if (simulator === undefined) return []
  if (!isRecord(simulator)) return ['simulator must be an object with routes']
  return checkRoutes('simulator.routes', simulator.routes ?? null)
}

function checkFolders(manifest: Record<string, unknown>): Problems {
  return (['views', 'migrations'] as const)
    .filter((key) => manifest[key] !== undefined)
    .filter((key) => !(manifest[key] instanceof URL) || (manifest[key] as URL).protocol !== 'file:')
    .map((key) => `${key} must be a file URL (new URL('./${key}/', import.meta.url))`)
}

function checkJobs(jobs: unknown): Problems {
  if (jobs === undefined) return []
  if (!isRecord(jobs)) return ['jobs must be an object of job functions']
  return Object.entries(jobs).flatMap(([name, job]) => {
    const problems: Problems = []
    if (!JOB_NAME.test(name)) problems.push(`job "${name}": the name must be lowercase snake_case`)
    if (typeof job !== 'function') problems.push(`job "${name}" must be a function`)
    return problems
  })
}

function checkActions(actions: unknown): Problems {
  if (actions === undefined) return []
  if (!isRecord(actions)) return ['actions must be an object of { label, run } entries']
  return Object.entries(actions).flatMap(([name, action]) => {
    const problems: Problems = []
    if (!JOB_NAME.test(name))
      problems.push(`action "${name}": the name must be lowercase snake_case`)
    if (!isRecord(action)) return [...problems, `action "${name}" must be an object { label, run }`]
    if (!isNonEmptyString(action.label))
      problems.push(`action "${name}": label must be a non-empty string`)
    if (typeof action.run !== 'function') problems.push(`action "${name}": run must be a function`)
    return problems
  })
}
