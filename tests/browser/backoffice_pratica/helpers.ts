import type { Page } from 'playwright-core'
import { TEST_PASSWORD } from '#factories/user_factory'

export async function logInOperator(page: Page, enteSlug: string, username: string) {
  await page.goto(`/${enteSlug}/operatori/login`)
  await page.getByLabel('Username').fill(username)
  await page.locator('input[name=password]').fill(TEST_PASSWORD)
  await page.getByRole('button', { name: 'Login' }).click()
  await page.waitForLoadState('networkidle')
}

/** Opens a side panel of the pratica page (an accordion) unless it is open. */
export async function openPanel(page: Page, title: string) {
  const button = page.getByRole('button', { name: title, exact: true })
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click()
  await page.locator(`#${(await button.getAttribute('aria-controls'))!}.show`).waitFor()
}

export async function submitAndWait(page: Page, name: string) {
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'networkidle' }),
    page.getByRole('button', { name, exact: true }).click(),
  ])
}
