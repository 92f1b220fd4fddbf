import type { Assert } from '@japa/assert'
import { mkdir } from 'node:fs/promises'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { AxeBuilder } from '@axe-core/playwright'
import app from '@adonisjs/core/services/app'
import { TEST_PASSWORD } from '#factories/user_factory'

/**
 * Browser tests drive the Debian chromium (never a downloaded browser)
 * against the HTTP server tests/bootstrap.ts starts for the suite.
 */
const CHROMIUM = '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
]
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

let browser: Browser | null = null

export function baseUrl() {
  return `http://localhost:${process.env.PORT ?? 3333}`
}

async function launch() {
  browser ??= await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  return browser
}

export async function closeBrowser() {
  await browser?.close()
  browser = null
}

export type BrowserPage = {
  page: Page
  context: BrowserContext
  /** console errors and uncaught exceptions seen so far (CSP violations show up here) */
  errors: string[]
}

/**
 * A page in a fresh context (no cookies shared between tests), Italian
 * browser locale, desktop size unless told otherwise.
 */
export async function openPage(options: { viewport?: { width: number; height: number } } = {}) {
  const running = await launch()
  const context = await running.newContext({
    baseURL: baseUrl(),
    locale: 'it-IT',
    viewport: options.viewport ?? { width: 1280, height: 900 },
  })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  return { page, context, errors } satisfies BrowserPage
}

/** Screenshot (full page unless told) in tmp/screenshots/<name>.png, to look at. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  const dir = app.makePath('tmp/screenshots')
  await mkdir(dir, { recursive: true })
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: options.fullPage ?? true })
}

/**
 * WCAG 2.1 A/AA violations found by axe-core, one readable line each
 * (rule, impact, offending elements): an empty list means clean.
 * `exclude` leaves elements out by selector, e.g. the sandboxed iframe in
 * which the development mailbox shows an HTML e-mail: axe cannot enter it
 * and would wait for it until the test times out.
 */
export async function accessibilityViolations(
  page: Page,
  options: { exclude?: string[] } = {}
): Promise<string[]> {
  const builder = new AxeBuilder({ page }).withTags(WCAG_TAGS)
  for (const selector of options.exclude ?? []) builder.exclude(selector)
  const results = await builder.analyze()
  return results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} -> ${violation.nodes
        .map((node) => node.target.join(' '))
        .join(', ')}`
  )
}

/** The page after a navigation: network idle, photographed as `name`, asserted axe-clean. */
export async function checkedPage(page: Page, name: string, assert: Assert) {
  await page.waitForLoadState('networkidle')
  await screenshot(page, name)
  assert.deepEqual(await accessibilityViolations(page), [], name)
}

/** Logs a factory staff account in through the operators' login form. */
export async function logInAsStaff(page: Page, enteSlug: string, username: string) {
  await page.goto(`/${enteSlug}/operatori/login`)
  await page.getByLabel('Username').fill(username)
  await page.locator('input[name=password]').fill(TEST_PASSWORD)
  await page.getByRole('button', { name: 'Login' }).click()
  await page.waitForLoadState('networkidle')
}
