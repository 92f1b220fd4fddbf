import { randomInt } from 'node:crypto'
import logger from '@adonisjs/core/services/logger'
import identityManager from '#extension_points/identity/manager'
import type Ente from '#models/ente'
import type { LoginLevel } from '#extension_points/identity/contract'

export interface IdpLink {
  name: string
  logoUrl?: string
  href: string
}

export interface PluginLink {
  name: string
  href: string
}

export interface AccessOptions {
  /** "Entra con SPID": the IdPs of every plugin that lists several, in random order */
  spid: IdpLink[]
  /** one "Entra con ..." button for each plugin with a single IdP (CIE) */
  single: PluginLink[]
}

/** Fisher–Yates with a uniform random source: AgID wants no IdP favoured by its place. */
export function shuffled<T>(items: readonly T[]): T[] {
  const result = [...items]
  for (let index = result.length - 1; index > 0; index--) {
    const other = randomInt(index + 1)
    ;[result[index], result[other]] = [result[other], result[index]]
  }
  return result
}

/**
 * The ways in offered on the access page for this ente's enabled identity
 * plugins, each link carrying the level to ask and the page to return to.
 * A plugin whose IdP list cannot be read is left out (and logged), so it
 * does not take the others down.
 */
export async function accessOptions(
  ente: Ente,
  request: { level: LoginLevel; returnTo: string | null }
): Promise<AccessOptions> {
  const loginHref = (pluginId: string, idpId?: string) => {
    const query = new URLSearchParams({ livello: String(request.level) })
    if (idpId !== undefined) query.set('idp', idpId)
    if (request.returnTo) query.set('torna', request.returnTo)
    return `/${ente.slug}/auth/${pluginId}/login?${query}`
  }

  const options: AccessOptions = { spid: [], single: [] }
  for (const plugin of await identityManager.allForEnte(ente)) {
    if (!plugin.adapter.identityProviders) {
      options.single.push({ name: plugin.manifest.name, href: loginHref(plugin.id) })
      continue
    }
    try {
      for (const idp of await plugin.adapter.identityProviders()) {
        options.spid.push({
          name: idp.name,
          logoUrl: idp.logoUrl,
          href: loginHref(plugin.id, idp.id),
        })
      }
    } catch (error) {
      logger.error({ err: error, ente: ente.slug, plugin: plugin.id }, 'IdP list unavailable')
    }
  }
  options.spid = shuffled(options.spid)
  return options
}
