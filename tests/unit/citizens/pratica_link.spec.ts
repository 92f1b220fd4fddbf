import { test } from '@japa/runner'
import { IncomingMessage, ServerResponse } from 'node:http'
import { Socket } from 'node:net'
import testUtils from '@adonisjs/core/services/test_utils'
import { praticaLinkPath, praticaLinkUrl, verifyPraticaLink } from '#services/citizens/pratica_link'

const ENTE = { slug: 'comune-di-bugliano' }
const PRATICA = '2023e419-4f73-4351-96df-a8de6022c243'

/** The request the browser makes when the applicant opens the link. */
async function open(path: string) {
  const req = new IncomingMessage(new Socket())
  req.method = 'GET'
  req.url = path
  const ctx = await testUtils.createHttpContext({ req, res: new ServerResponse(req) })
  return ctx.request
}

test.group('Citizens: the signed link of a login-free applicant', () => {
  test('the link opens the pratica for that citizen', async ({ assert }) => {
    const path = praticaLinkPath({ ente: ENTE, praticaId: PRATICA, citizen: { id: 42 } })

    assert.match(
      path,
      new RegExp(`^/comune-di-bugliano/pratiche/${PRATICA}\\?cittadino=42&signature=`)
    )
    assert.deepEqual(verifyPraticaLink(await open(path), ENTE), {
      praticaId: PRATICA,
      citizenId: 42,
    })
  })

  test('the e-mail gets an absolute URL', async ({ assert }) => {
    const url = praticaLinkUrl({ ente: ENTE, praticaId: 7, citizen: { id: 42 } })

    assert.match(url, /^https?:\/\/[^/]+\/comune-di-bugliano\/pratiche\/7\?cittadino=42&signature=/)
  })

  test('a changed pratica, citizen or ente, or no signature, opens nothing', async ({ assert }) => {
    const path = praticaLinkPath({ ente: ENTE, praticaId: 7, citizen: { id: 42 } })

    for (const altered of [
      path.replace('/pratiche/7?', '/pratiche/8?'),
      path.replace('cittadino=42', 'cittadino=43'),
      path.replace('/comune-di-bugliano/', '/comune-di-esempio/'),
      path.replace(/&signature=.*$/, ''),
      path.replace(/signature=./, 'signature=x'),
    ]) {
      assert.isNull(verifyPraticaLink(await open(altered), ENTE), altered)
    }
    // a correct link, checked on another ente's pages
    assert.isNull(verifyPraticaLink(await open(path), { slug: 'comune-di-esempio' }))
  })

  test('an expired link opens nothing', async ({ assert }) => {
    const path = praticaLinkPath({ ente: ENTE, praticaId: 7, citizen: { id: 42 }, expiresIn: -1 })

    assert.isNull(verifyPraticaLink(await open(path), ENTE))
  })
})
