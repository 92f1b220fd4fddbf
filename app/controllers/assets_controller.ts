import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { createRequire } from 'node:module'
import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import NotFoundException from '#exceptions/not_found_exception'

/**
 * Front-end packages served by the app itself (no CDN, no bundler): only
 * the files listed here, so nothing else in node_modules is reachable.
 */
const PACKAGES = {
  'bootstrap-italia': 'bootstrap-italia',
  'alpinejs': '@alpinejs/csp',
  'chart.js': 'chart.js',
} as const

// resolved like an import, so it also works from build/ in production
const requireFromHere = createRequire(import.meta.url)
const packageDirs = new Map<string, string>()

// found where require would look, without resolving package.json
// through "exports" (chart.js does not export it)
function installedDir(name: string) {
  for (const base of requireFromHere.resolve.paths(name) ?? []) {
    if (existsSync(join(base, name, 'package.json'))) return join(base, name)
  }
  throw new Error(`Front-end package not installed: ${name}`)
}

function packagePath(pkg: keyof typeof PACKAGES, file: string) {
  let dir = packageDirs.get(pkg)
  if (!dir) {
    dir = installedDir(PACKAGES[pkg])
    packageDirs.set(pkg, dir)
  }
  return join(dir, file)
}

const FILES: Record<string, { pkg: keyof typeof PACKAGES; file: string }> = {
  'bootstrap-italia/css/bootstrap-italia.min.css': {
    pkg: 'bootstrap-italia',
    file: 'dist/css/bootstrap-italia.min.css',
  },
  'bootstrap-italia/css/bootstrap-italia.min.css.map': {
    pkg: 'bootstrap-italia',
    file: 'dist/css/bootstrap-italia.min.css.map',
  },
  'bootstrap-italia/js/bootstrap-italia.bundle.min.js': {
    pkg: 'bootstrap-italia',
    file: 'dist/js/bootstrap-italia.bundle.min.js',
  },
  'bootstrap-italia/svg/sprites.svg': { pkg: 'bootstrap-italia', file: 'dist/svg/sprites.svg' },
  // the CSP build: no eval, so the strict Content-Security-Policy holds
  'alpinejs/alpine-csp.min.js': { pkg: 'alpinejs', file: 'dist/cdn.min.js' },
  // Statistiche's chart: the UMD build defines window.Chart, no bundler needed
  'chart.js/chart.umd.min.js': { pkg: 'chart.js', file: 'dist/chart.umd.min.js' },
}

const FONT = /^bootstrap-italia\/fonts\/(Titillium_Web|Roboto_Mono|Lora)\/([a-z0-9_-]+\.woff2?)$/

const VENDOR_PREFIX = '/assets/vendor/'
const ONE_YEAR = 365 * 24 * 3600

function vendorFile(path: string): { pkg: keyof typeof PACKAGES; file: string } | null {
  const listed = FILES[path]
  if (listed) return listed
  const font = FONT.exec(path)
  return font ? { pkg: 'bootstrap-italia', file: `dist/fonts/${font[1]}/${font[2]}` } : null
}

const versions = new Map<string, string>()

/**
 * URL of a served file with a version in its query string, so files can be
 * cached for a year and still change on upgrade: the package version for
 * vendor files, the modification time for our own public/ files.
 * Available in views as `asset('/css/app.css')`.
 */
export function asset(path: string): string {
  let version = versions.get(path)
  if (!version) {
    if (path.startsWith(VENDOR_PREFIX)) {
      const entry = vendorFile(path.slice(VENDOR_PREFIX.length))
      if (!entry) throw new Error(`Not a served vendor file: ${path}`)
      const manifest = JSON.parse(readFileSync(packagePath(entry.pkg, 'package.json'), 'utf8'))
      version = String(manifest.version)
    } else {
      version = Math.trunc(statSync(app.publicPath(path)).mtimeMs).toString(36)
    }
    versions.set(path, version)
  }
  return `${path}?v=${version}`
}

export default class AssetsController {
  async vendor({ params, response }: HttpContext) {
    const entry = vendorFile((params['*'] as string[]).join('/'))
    if (!entry) {
      throw new NotFoundException()
    }
    response.header('Cache-Control', `public, max-age=${ONE_YEAR}, immutable`)
    // ETag from size and mtime; answers 304 to a matching If-None-Match
    return response.download(packagePath(entry.pkg, entry.file), true)
  }
}
