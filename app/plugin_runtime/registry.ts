import type { ExtensionPoint, PluginManifest } from '#plugin_runtime/define_plugin'
import { validateManifest } from '#plugin_runtime/manifest_validation'
import { PluginManifestError } from '#plugin_runtime/errors'

/** A manifest of any point, as the runtime handles it. */
export type AnyPluginManifest = PluginManifest<ExtensionPoint, any, Record<string, boolean>, any>

/** One entry of config/plugins.ts: a lazy import of a plugin's manifest module. */
export type PluginLoader = () => Promise<{ default: unknown }>

/**
 * The first two of the three switches: a plugin is *installed* when
 * config/plugins.ts lists it, *allowed* when this deployment may run it
 * (demo and test plugins never run in production). The third switch,
 * enabled per ente, lives in the ente_plugins table (tenant_plugins.ts).
 *
 * The app's instance is a container singleton (providers/plugin_provider.ts);
 * tests swap in their own with `useTestPlugins()` from testing.ts.
 */
export class PluginRegistry {
  #plugins = new Map<string, AnyPluginManifest>()

  constructor(protected options: { production: boolean }) {}

  /** Validates and adds a manifest; throws PluginManifestError listing every problem. */
  register(manifest: unknown): AnyPluginManifest {
    const problems = validateManifest(manifest)
    const id = String((manifest as { id?: unknown } | null)?.id ?? '<no id>')
    if (problems.length > 0) {
      throw new PluginManifestError(id, problems)
    }
    if (this.#plugins.has(id)) {
      throw new PluginManifestError(id, ['the id is installed twice (ids must be unique)'])
    }
    const valid = manifest as AnyPluginManifest
    this.#plugins.set(id, valid)
    return valid
  }

  /** Imports and registers the entries of config/plugins.ts, in order. */
  async load(loaders: PluginLoader[]) {
    for (const [index, loader] of loaders.entries()) {
      const module = await loader()
      if (module.default === undefined) {
        throw new PluginManifestError(`config/plugins.ts entry ${index + 1}`, [
          'the module has no default export (export default definePlugin({ ... }))',
        ])
      }
      this.register(module.default)
    }
  }

  installed(): AnyPluginManifest[] {
    return [...this.#plugins.values()]
  }

  /** Installed plugins this deployment may run, optionally of one point. */
  allowed(point?: ExtensionPoint): AnyPluginManifest[] {
    return this.installed().filter(
      (manifest) => this.#isAllowed(manifest) && (!point || manifest.point === point)
    )
  }

  findAllowed(id: string): AnyPluginManifest | undefined {
    const manifest = this.#plugins.get(id)
    return manifest && this.#isAllowed(manifest) ? manifest : undefined
  }

  #isAllowed(manifest: AnyPluginManifest) {
    return !(this.options.production && manifest.demo === true)
  }
}
