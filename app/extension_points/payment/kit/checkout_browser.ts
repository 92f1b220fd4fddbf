import { mkdir } from 'node:fs/promises'
import testUtils from '@adonisjs/core/services/test_utils'
import { AxeBuilder } from '@axe-core/playwright'
import { chromium, type Browser, type Page } from 'playwright-core'
import type { Group } from '@japa/runner/core'
import { TEST_ENTE } from '#extension_points/conformance'

/**
 * A browser test of a simulator's checkout page, as the app serves it under
 * /_sim/<plugin>/: the app's HTTP server and Debian's Chromium, the page
 * opened with its errors collected, axe's WCAG 2.1 AA violations,
 * screenshots in tmp/screenshots/ (look at them).
 *
 * @example
 *   const browser = useAppAndBrowser(group)
 *   const { page, context, pageErrors } = await openCheckout(browser(), session.redirectUrl)
 *   assert.deepEqual(await axeViolations(page), [])
 */
export const APP_ORIGIN = `http://localhost:${process.env.PORT ?? 3333}`

/** The test ente at the app's own address: the plugin's return route is reachable. */
export const BROWSER_ENTE = { ...TEST_ENTE, baseUrl: `${APP_ORIGIN}/comune-di-prova` }

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

export async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze()
  return results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} -> ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`
  )
}

export async function screenshot(page: Page, name: string) {
  await mkdir('tmp/screenshots', { recursive: true })
  await page.screenshot({ path: `tmp/screenshots/${name}.png`, fullPage: true })
}

/** In a Japa group: the app's HTTP server and Chromium around its tests; answers the browser. */
export function useAppAndBrowser(group: Group) {
  let browser: Browser
  group.setup(async () => {
    const closeServer = await testUtils.httpServer().start()
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    })
    return async () => {
      await browser.close()
      await closeServer()
    }
  })
  return () => browser
}

/**
 * The checkout page in a new Italian desktop context. `pageErrors` collects
 * script and CSP errors and failed stylesheets, fonts, icons, scripts; a
 * page's own status (the 422 of a refused card) is not one.
 */
export async function openCheckout(browser: Browser, url: string) {
  const context = await browser.newContext({
    locale: 'it-IT',
    viewport: { width: 1280, height: 900 },
  })
  const page = await context.newPage()
  const pageErrors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      pageErrors.push(message.text())
    }
  })
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'document' && response.status() >= 400) {
      pageErrors.push(`${response.status()} ${response.url()}`)
    }
  })
  await page.goto(url, { waitUntil: 'networkidle' })
  return { context, page, pageErrors }
}

/** Types a card number and presses Pay; answers the number's field. */
export async function payWithCard(
  page: Page,
  number: string,
  payButton: string | RegExp = /^Paga/
) {
  const field = page.getByLabel('Numero della carta')
  await field.fill(number)
  await page.getByRole('button', { name: payButton }).click()
  await page.waitForLoadState('networkidle')
  return field
}

/** Pays with this card and answers the address the browser is sent to that starts with `prefix`. */
export async function payAndReturnTo(
  page: Page,
  number: string,
  prefix: string,
  payButton: string | RegExp = /^Paga/
) {
  const back = page.waitForRequest((request) => request.url().startsWith(prefix))
  await payWithCard(page, number, payButton)
  const request = await back
  return new URL(request.url())
}
