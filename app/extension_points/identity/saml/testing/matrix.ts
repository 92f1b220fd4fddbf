import assert from 'node:assert/strict'
import type { JapaTest } from '../../../conformance.js'
import type { IdentityAdapter, LoginLevel } from '../../contract.js'
import { IdentityCallbackError } from '../../errors.js'
import { TEST_USER } from '../../testing.js'
import { NS } from '../constants.js'
import { SAML_PROFILES } from '../profiles.js'
import { reasonOf, type SamlRefusalDetail } from '../refusals.js'
import type { SamlProfileName } from '../service_provider.js'
import { checkEnvelopedSignature } from '../signature.js'
import { childElements, parseXml } from '../xml.js'
import { responseCaseRows } from './case_list.js'
import type { FixtureIdp } from './fixture_idp.js'
import {
  expectedOutcome,
  LEVEL_CASES,
  levelCaseOutcome,
  RESPONSE_CASES,
  type Outcome,
  type ResponseCase,
} from './response_cases.js'
import { runResponseCase } from './run_case.js'

export interface ResponseMatrixOptions {
  test: JapaTest
  profile: SamlProfileName
  /** a fresh adapter of the plugin under test, trusting `idp` (and `otherIdp`) */
  adapter: () => Promise<IdentityAdapter>
  idp: FixtureIdp
  /** a second IdP the SP also trusts (SPID): answering a request sent to `idp` */
  otherIdp?: FixtureIdp
  /** the level the non-level cases ask for */
  level: LoginLevel
}

/** Fails unless `promise` is refused with exactly `detail` (and its contract reason). */
export async function assertRefusedWith(promise: Promise<unknown>, detail: SamlRefusalDetail) {
  let error: unknown
  try {
    await promise
  } catch (caught) {
    error = caught
  }
  assert.ok(error, `expected a refusal (${detail}), but the login succeeded`)
  assert.ok(
    error instanceof IdentityCallbackError,
    `expected IdentityCallbackError (${detail}), got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`
  )
  assert.equal(error.detail, detail, `refused for ${error.detail}, expected ${detail}`)
  assert.equal(error.reason, reasonOf(detail))
  assert.equal(error.retryable, false)
  assert.ok(error.message.length > 10, 'the refusal explains itself in Italian')
}

/**
 * A mutated Response is signed again: its signatures hold, so the SP can
 * refuse it only for the mutation itself.
 */
function assertSignaturesHold(xml: string, idp: FixtureIdp) {
  const response = parseXml(xml).documentElement
  const signed = [response, ...childElements(response, NS.assertion, 'Assertion')].filter(
    (element) => element.getAttribute('ID') && childElements(element, NS.ds, 'Signature').length
  )
  for (const element of signed) {
    assert.equal(
      checkEnvelopedSignature(xml, element, [idp.metadata().certificates[0]]),
      null,
      `the ${element.localName} signature must hold after the mutation`
    )
  }
}

async function expectOutcome(
  options: ResponseMatrixOptions,
  testCase: ResponseCase,
  outcome: Outcome,
  level: LoginLevel
) {
  const run = await runResponseCase({
    adapter: await options.adapter(),
    idp: options.idp,
    testCase,
    level,
  })
  const resigned =
    !testCase.signing && !testCase.afterSigning && testCase.spidErrorCode === undefined
  if (resigned) assertSignaturesHold(run.xml, options.idp)
  if (outcome !== 'OK') return assertRefusedWith(run.outcome, outcome)
  const { identity } = await run.outcome
  assert.equal(identity.fiscalNumber, TEST_USER.fiscalNumber)
  assert.equal(identity.name, TEST_USER.name)
  assert.equal(identity.familyName, TEST_USER.familyName)
  assert.equal(identity.source, options.profile)
  assert.equal(identity.idpId, options.idp.entityId)
  assert.ok(identity.nameId && identity.sessionIndex, 'NameID and SessionIndex kept for logout')
}

/**
 * Registers spid-sp-test's response matrix as one Japa test per TSV row
 * (the level rows once per level asked), plus replay, an expired or
 * unknown pending request, and an answer from another trusted IdP.
 */
export function responseCaseMatrix(options: ResponseMatrixOptions) {
  const { test, profile } = options
  const levels: LoginLevel[] = profile === 'spid' ? [1, 2, 3] : [options.level]

  test.group(`${profile.toUpperCase()} response cases (spid-sp-test)`, () => {
    for (const row of responseCaseRows()) {
      const testCase = RESPONSE_CASES[row.id]
      const title = `[${row.id}] ${row.name}`
      if (!testCase) {
        test(title, () => assert.fail(`response case ${row.id} has no definition`))
        continue
      }
      if (LEVEL_CASES[row.id]) {
        for (const level of levels) {
          const requested = SAML_PROFILES[profile].requestLevel(level)
          const outcome = levelCaseOutcome(LEVEL_CASES[row.id], requested)
          test(`${title} (richiesto SpidL${requested}: ${outcome})`, () =>
            expectOutcome(options, testCase, outcome, level))
        }
        continue
      }
      const outcome = expectedOutcome(testCase, profile)
      if (profile === 'spid') {
        assert.equal(outcome === 'OK', row.expected === 'OK', `case ${row.id}: OK/KO as in the TSV`)
      }
      test(`${title} (${outcome})`, () => expectOutcome(options, testCase, outcome, options.level))
    }

    const correct = RESPONSE_CASES['1']
    test('replay: the same Response twice logs in once (request_unknown)', async () => {
      const run = await runResponseCase({
        adapter: await options.adapter(),
        idp: options.idp,
        testCase: correct,
        level: options.level,
      })
      await run.outcome
      await assertRefusedWith(run.again(), 'request_unknown')
    })
    test('a pending request older than 15 minutes is expired (pending_expired)', async () => {
      const run = await runResponseCase({
        adapter: await options.adapter(),
        idp: options.idp,
        testCase: correct,
        level: options.level,
        pendingCreatedAt: new Date(Date.now() - 16 * 60_000),
      })
      await assertRefusedWith(run.outcome, 'pending_expired')
    })
    test('an answer to a request never kept is refused (request_unknown)', async () => {
      const run = await runResponseCase({
        adapter: await options.adapter(),
        idp: options.idp,
        testCase: correct,
        level: options.level,
        unsolicited: true,
      })
      await assertRefusedWith(run.outcome, 'request_unknown')
    })
    if (options.otherIdp) {
      const otherIdp = options.otherIdp
      test('another trusted IdP answering a request sent to this one (issuer_mismatch)', async () => {
        const run = await runResponseCase({
          adapter: await options.adapter(),
          idp: options.idp,
          testCase: {
            params: () => ({ idpEntityId: otherIdp.entityId }),
            expected: 'issuer_mismatch',
          },
          level: options.level,
        })
        await assertRefusedWith(run.outcome, 'issuer_mismatch')
      })
    }
  })
}
