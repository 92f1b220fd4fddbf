import { randomUUID } from 'node:crypto'
import type { IdentityAdapter, LoginLevel, LoginResult, PendingLogin } from '../../contract.js'
import { PendingStore, TEST_USER, type TestUser } from '../../testing.js'
import { errorResponseXml, responseXml } from '../idp/response_template.js'
import { parseXml, serializeXml } from '../xml.js'
import type { FixtureIdp } from './fixture_idp.js'
import type { ResponseCase } from './response_cases.js'

export interface CaseRun {
  /** the Response as posted to the ACS */
  xml: string
  outcome: Promise<LoginResult>
  /** posts the same callback again (replay) */
  again(): Promise<LoginResult>
}

/**
 * One login through the adapter with the fixture IdP answering as
 * `testCase` says: the adapter's AuthnRequest is read and its signature
 * checked, the Response is built for it, changed, signed and posted to the
 * ACS, with a pending store like the core's.
 */
export async function runResponseCase(options: {
  adapter: IdentityAdapter
  idp: FixtureIdp
  testCase: ResponseCase
  level: LoginLevel
  user?: TestUser
  /** the pending request as the core would have kept it (e.g. long ago) */
  pendingCreatedAt?: Date
  /** answer a request the core never kept */
  unsolicited?: boolean
}): Promise<CaseRun> {
  const { adapter, idp, testCase } = options
  const { body: spMetadata } = await adapter.metadata!()
  const store = new PendingStore<PendingLogin>()
  const relayState = randomUUID()
  const login = await adapter.buildLoginRequest({
    level: options.level,
    relayState,
    idpId: idp.entityId,
  })
  if (!options.unsolicited) {
    store.keep({
      requestId: login.requestId,
      level: options.level,
      relayState,
      createdAt: options.pendingCreatedAt ?? new Date(),
      data: login.data,
    })
  }

  const { request } = await idp.receive(login.transport, spMetadata)
  let xml: string
  if (testCase.spidErrorCode !== undefined) {
    const params = idp.responseParams(request, { user: TEST_USER, level: request.level })
    xml = errorResponseXml({ ...params, errorCode: testCase.spidErrorCode })
  } else {
    const params = idp.responseParams(request, {
      user: options.user ?? TEST_USER,
      level: request.level,
    })
    Object.assign(params, testCase.params?.(params))
    const document = parseXml(responseXml(params))
    testCase.mutate?.(document)
    xml = idp.sign(
      serializeXml(document),
      testCase.signing?.({ credentials: idp.credentials, foreign: idp.foreignCredentials })
    )
    if (testCase.afterSigning) xml = testCase.afterSigning(xml)
  }
  const callback = idp.post(request, xml)
  return {
    xml,
    outcome: adapter.handleCallback({ request: callback, findPending: store.find }),
    again: () => adapter.handleCallback({ request: callback, findPending: store.find }),
  }
}
