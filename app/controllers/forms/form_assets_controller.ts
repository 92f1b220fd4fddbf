import { readFile, stat } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'
import type { HttpContext } from '@adonisjs/core/http'
import NotFoundException from '#exceptions/not_found_exception'

/**
 * The form engine's rule modules (app/domain/forms, pure and browser-safe)
 * served to the browser as ES modules at /assets/domain/<module>.js, so the
 * browser runs the very code the server validates with. Found next to this
 * file like an import would: from the .ts sources in development and tests
 * (transpiled on the fly with @swc/core, a dev dependency, then cached),
 * from the .js the build emits in production.
 */
const DOMAIN_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../domain')

/** app/domain/forms/** and the two check modules it imports */
const SERVED = /^(forms\/[a-z0-9_]+(\/[a-z0-9_]+)*|codice_fiscale|partita_iva)\.js$/

const cache = new Map<string, { code: string; mtime: number }>()

async function exists(path: string) {
  try {
    return await stat(path)
  } catch {
    return null
  }
}

async function moduleCode(module: string): Promise<string | null> {
  const base = join(DOMAIN_DIR, module.replace(/\.js$/, ''))
  const built = await exists(`${base}.js`)
  if (built) return readFile(`${base}.js`, 'utf8')
  const source = await exists(`${base}.ts`)
  if (!source) return null
  const cached = cache.get(base)
  if (cached && cached.mtime === source.mtimeMs) return cached.code
  const { transform } = await import('@swc/core')
  const { code } = await transform(await readFile(`${base}.ts`, 'utf8'), {
    filename: `${base}.ts`,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'es6' },
  })
  cache.set(base, { code, mtime: source.mtimeMs })
  return code
}

export default class FormAssetsController {
  async show({ params, response }: HttpContext) {
    const module = (params['*'] as string[]).join('/')
    if (!SERVED.test(module)) throw new NotFoundException()
    const code = await moduleCode(module)
    if (code === null) throw new NotFoundException()
    response.header('Content-Type', 'text/javascript; charset=utf-8')
    response.header('Cache-Control', 'no-cache')
    return code
  }
}
