import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import vine from '@vinejs/vine'
import { Logger } from '@adonisjs/core/logger'
import type { test as japaTest } from '@japa/runner'
import {
  configObjectSchema,
  type ConfigFields,
  type InferConfig,
} from '#plugin_runtime/config_fields'
import type {
  EnteInfo,
  ExtensionPoint,
  PluginContext,
  PluginManifest,
} from '#plugin_runtime/define_plugin'

/**
 * The machinery shared by the four conformance suites (each point's
 * testing.ts). A suite is a list of cases; it runs programmatically
 * (`suite.run()` → one result per case, never throwing) or registers itself
 * as a Japa group (`suite.register(test)`), one test per case. Cases use
 * node:assert/strict, so they work in any runner.
 */

export type JapaTest = typeof japaTest

/** What a harness may do around the cases; every hook is optional. */
export interface HarnessLifecycle {
  /** once before the first case: start a sink, a simulator */
  setup?(): Promise<void>
  /** once after the last case */
  teardown?(): Promise<void>
  /** before each case: bring the remote back up, clear limits */
  reset?(): Promise<void>
}

export interface ConformanceCase {
  title: string
  /** set when a capability the case needs is off */
  skipReason?: string
  run(): Promise<void>
}

export type CaseResult =
  | { title: string; status: 'passed' }
  | { title: string; status: 'skipped'; reason: string }
  | { title: string; status: 'failed'; error: unknown }

export class ConformanceSuite {
  constructor(
    readonly name: string,
    readonly cases: ConformanceCase[],
    private harness: HarnessLifecycle
  ) {}

  /** Runs every case in order and reports each one; a failing case does not stop the others. */
  async run(): Promise<CaseResult[]> {
    await this.harness.setup?.()
    try {
      const results: CaseResult[] = []
      for (const item of this.cases) {
        if (item.skipReason) {
          results.push({ title: item.title, status: 'skipped', reason: item.skipReason })
          continue
        }
        try {
          await item.run()
          results.push({ title: item.title, status: 'passed' })
        } catch (error) {
          results.push({ title: item.title, status: 'failed', error })
        }
      }
      return results
    } finally {
      await this.harness.teardown?.()
    }
  }

  /** Registers the suite as one Japa group with one test per case. */
  register(test: JapaTest, options: { timeout?: number } = {}) {
    test.group(this.name, (group) => {
      group.setup(() => this.harness.setup?.())
      group.teardown(() => this.harness.teardown?.())
      for (const item of this.cases) {
        const registered = test(item.title, () => item.run())
        if (item.skipReason) registered.skip(true, item.skipReason)
        if (options.timeout) registered.timeout(options.timeout)
      }
    })
  }
}

/** What every point's suite accepts. */
export interface SuiteOptions<
  Point extends ExtensionPoint,
  Adapter,
  Capabilities extends Record<string, boolean>,
  Fields extends ConfigFields,
  Harness extends HarnessLifecycle,
> {
  plugin: PluginManifest<Point, Adapter, Capabilities, Fields>
  /** raw configuration: validated with the plugin's own schema, as the runtime does */
  config: Record<string, unknown>
  harness: Harness
  /** group title; defaults to "<point> conformance: <plugin id>" */
  name?: string
  ente?: Partial<EnteInfo>
  /** e.g. simulatorUrl pointing at a simulator the test started */
  context?: Partial<Pick<PluginContext<unknown>, 'routeUrl' | 'simulatorUrl' | 'logger'>>
}

/** What a case body receives. */
export interface CaseEnv<Adapter, Capabilities, Harness> {
  /** a fresh adapter built from the suite's configuration */
  adapter: Adapter
  capabilities: Capabilities
  harness: Harness
  ente: EnteInfo
  /** another adapter for the same ente, with some configuration changed */
  createAdapter(overrides?: Record<string, unknown>): Promise<Adapter>
}

export const TEST_ENTE: EnteInfo = {
  id: 1,
  slug: 'comune-di-prova',
  name: 'Comune di Prova',
  codiceFiscale: '80000010000',
  codiceIpa: 'c_prova',
  baseUrl: 'http://127.0.0.1:3333/comune-di-prova',
}

/**
 * Builds a plugin's adapter the way the runtime does (configuration validated
 * by the plugin's schema, a context for one ente). For a plugin's own tests
 * beyond the conformance suite.
 */
export async function createTestAdapter<
  Point extends ExtensionPoint,
  Adapter,
  Capabilities extends Record<string, boolean>,
  Fields extends ConfigFields,
>(options: {
  plugin: PluginManifest<Point, Adapter, Capabilities, Fields>
  config: Record<string, unknown>
  ente?: Partial<EnteInfo>
  context?: Partial<Pick<PluginContext<unknown>, 'routeUrl' | 'simulatorUrl' | 'logger'>>
}): Promise<{ adapter: Adapter; context: PluginContext<InferConfig<Fields>> }> {
  const ente = { ...TEST_ENTE, ...options.ente }
  const config = (await vine.validate({
    schema: configObjectSchema(options.plugin.config),
    data: options.config,
  })) as InferConfig<Fields>
  const origin = new URL(ente.baseUrl).origin
  const context: PluginContext<InferConfig<Fields>> = {
    pluginId: options.plugin.id,
    ente,
    config,
    logger: options.context?.logger ?? new Logger({ enabled: false, name: 'conformance' }),
    // the runtime's URL scheme (plugin_runtime/plugin_context.ts): /{ente}/auth/{id} for identity, /{ente}/callbacks/{id} otherwise
    routeUrl:
      options.context?.routeUrl ??
      ((path) =>
        `${ente.baseUrl}/${options.plugin.point === 'identity' ? 'auth' : 'callbacks'}/${options.plugin.id}${slash(path)}`),
    simulatorUrl:
      options.context?.simulatorUrl ??
      ((path) => `${origin}/_sim/${options.plugin.id}${slash(path)}`),
  }
  return { adapter: await options.plugin.create(context), context }
}

/**
 * Turns case bodies into ConformanceCases bound to one plugin: each case
 * resets the harness and gets a fresh adapter.
 */
export function caseBuilder<
  Point extends ExtensionPoint,
  Adapter,
  Capabilities extends Record<string, boolean>,
  Fields extends ConfigFields,
  Harness extends HarnessLifecycle,
>(options: SuiteOptions<Point, Adapter, Capabilities, Fields, Harness>) {
  const ente = { ...TEST_ENTE, ...options.ente }
  const capabilities = options.plugin.capabilities
  const createAdapter = async (overrides: Record<string, unknown> = {}) => {
    const built = await createTestAdapter({
      plugin: options.plugin,
      config: { ...options.config, ...overrides },
      ente,
      context: options.context,
    })
    return built.adapter
  }

  return {
    name: options.name ?? `${options.plugin.point} conformance: ${options.plugin.id}`,
    capabilities,
    /**
     * `requires` switches the case on: the name of a capability, or an
     * optional harness ability (`{ available: !!harness.x, reason }`).
     */
    define(
      title: string,
      body: (env: CaseEnv<Adapter, Capabilities, Harness>) => Promise<void>,
      requires?: (keyof Capabilities & string) | { available: boolean; reason: string }
    ): ConformanceCase {
      return {
        title,
        skipReason: skipReason(capabilities, requires),
        async run() {
          await options.harness.reset?.()
          const adapter = await createAdapter()
          await body({ adapter, capabilities, harness: options.harness, ente, createAdapter })
        },
      }
    },
  }
}

/**
 * Awaits a promise that must reject with `ErrorClass`, and returns the error
 * for further checks. Fails with a readable message otherwise.
 */
export async function rejection<E extends Error>(
  promise: Promise<unknown>,
  ErrorClass: abstract new (...args: any[]) => E,
  what: string
): Promise<E> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ErrorClass) return error
    const got = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    assert.fail(`${what}: expected ${ErrorClass.name}, got ${got}`)
  }
  assert.fail(`${what}: expected ${ErrorClass.name}, but it succeeded`)
}

/** A key unique to one call, for idempotency keys and references. */
export function uniqueKey(prefix: string) {
  return `${prefix}-${randomUUID()}`
}

function skipReason<Capabilities extends Record<string, boolean>>(
  capabilities: Capabilities,
  requires: (keyof Capabilities & string) | { available: boolean; reason: string } | undefined
) {
  if (requires === undefined) return undefined
  if (typeof requires === 'object') return requires.available ? undefined : requires.reason
  return capabilities[requires] ? undefined : `capability "${requires}" is off`
}

function slash(path: string) {
  return path.startsWith('/') ? path : `/${path}`
}
