import type { Logger } from '@adonisjs/core/logger'
import type { ConfigFields, InferConfig } from '#plugin_runtime/config_fields'

/**
 * The four extension points. A plugin id is `<point>_<vendor>`.
 */
export const EXTENSION_POINTS = ['identity', 'payment', 'protocol', 'messaging'] as const
export type ExtensionPoint = (typeof EXTENSION_POINTS)[number]

/** What a plugin knows about the ente it works for. */
export interface EnteInfo {
  id: number
  slug: string
  name: string
  codiceFiscale: string
  codiceIpa: string | null
  /** absolute base URL of the ente, e.g. https://servizi.example.it/comune-di-bugliano */
  baseUrl: string
}

export interface PluginContext<Config> {
  pluginId: string
  ente: EnteInfo
  /** validated configuration, secrets decrypted */
  config: Config
  logger: Logger
  /** absolute URL of one of this plugin's routes for this ente */
  routeUrl(path: string): string
  /** absolute URL of this plugin's simulator (development and test only) */
  simulatorUrl(path: string): string
}

export type HealthCheckResult = { ok: true; message?: string } | { ok: false; message: string }

/** Minimal HTTP request a plugin route or callback parser sees. */
export interface PluginHttpRequest {
  method: string
  url: string
  headers: Record<string, string | string[] | undefined>
  query: Record<string, unknown>
  body: unknown
  rawBody: string | null
}

export interface PluginHttpResponse {
  status?: number
  headers?: Record<string, string>
  body?: string | Buffer | Record<string, unknown>
  redirect?: string
}

export type PluginRouteHandler<Adapter, Config> = (input: {
  request: PluginHttpRequest
  adapter: Adapter
  context: PluginContext<Config>
}) => Promise<PluginHttpResponse> | PluginHttpResponse

export interface PluginRoute<Adapter, Config> {
  method: 'GET' | 'POST'
  /** relative to the plugin's mount point */
  path: string
  /** callbacks from remote systems are verified by signature, not CSRF */
  csrfExempt?: boolean
  handler: PluginRouteHandler<Adapter, Config>
}

/** A job a plugin runs through the platform queue. */
export type PluginJob<Adapter, Config> = (input: {
  payload: Record<string, unknown>
  adapter: Adapter
  context: PluginContext<Config>
}) => Promise<void>

/** What an action reports to the ente admin (flashed on the plugin's page). */
export interface PluginActionResult {
  ok: boolean
  /** Italian, shown to the admin */
  message: string
}

/**
 * A button on the ente admin's page of the plugin (e.g. "Aggiorna l’elenco
 * dei gestori di identità"), for an enabled plugin. Returns what happened;
 * a thrown error is reported as a failure.
 */
export interface PluginAction<Adapter, Config> {
  /** the button's label, Italian */
  label: string
  run(context: PluginContext<Config>, adapter: Adapter): Promise<PluginActionResult>
}

/**
 * A plugin's manifest. Listed in config/plugins.ts; validated at boot by
 * the registry.
 */
export interface PluginManifest<
  Point extends ExtensionPoint = ExtensionPoint,
  Adapter = unknown,
  Capabilities extends Record<string, boolean> = Record<string, boolean>,
  Fields extends ConfigFields = ConfigFields,
> {
  id: string
  point: Point
  name: string
  description: string
  /** semver of the plugin */
  version: string
  vendor?: string
  capabilities: Capabilities
  config: Fields
  /** builds the adapter for one ente; called again when the config changes */
  create(context: PluginContext<InferConfig<Fields>>): Adapter | Promise<Adapter>
  healthCheck?(
    context: PluginContext<InferConfig<Fields>>,
    adapter: Adapter
  ): Promise<HealthCheckResult>
  routes?: PluginRoute<Adapter, InferConfig<Fields>>[]
  /** absolute folder of Edge views, mounted as `<plugin id>::` */
  views?: URL
  /** absolute folder of Lucid migrations */
  migrations?: URL
  jobs?: Record<string, PluginJob<Adapter, InferConfig<Fields>>>
  /** buttons on the ente admin's plugin page, by snake_case name */
  actions?: Record<string, PluginAction<Adapter, InferConfig<Fields>>>
  /** a local server speaking the vendor protocol, mounted at /_sim/<id>/ outside production */
  simulator?: {
    routes: Array<
      Omit<PluginRoute<never, never>, 'handler'> & {
        handler: (request: PluginHttpRequest) => Promise<PluginHttpResponse> | PluginHttpResponse
      }
    >
  }
  /** demo and test plugins never run in production */
  demo?: boolean
}

export function definePlugin<
  Point extends ExtensionPoint,
  Adapter,
  Capabilities extends Record<string, boolean>,
  Fields extends ConfigFields,
>(manifest: PluginManifest<Point, Adapter, Capabilities, Fields>) {
  return manifest
}
