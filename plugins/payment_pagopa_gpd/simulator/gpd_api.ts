import { creationProblems } from './gpd_rules.js'
import { json, problem, type SimulatedApi } from './http.js'
import { receiptDocument } from './receipt_document.js'
import {
  ConflictError,
  createPosition,
  invalidatePosition,
  readPosition,
  receiptOf,
  type StoredPosition,
} from './store.js'

/**
 * GPD's debt-positions-service v1 (the operations this plugin uses) and its
 * payments-receipts-service, over the simulator's tables.
 */
const iso = (value: Date | null) => (value ? value.toISOString() : undefined)

/** components.schemas.PaymentOptionModelResponse[] */
function optionsResponse(position: StoredPosition) {
  const received: any[] = position.model.paymentOption ?? []
  return position.options.map((option) => {
    const sent = received.find((item) => item.iuv === option.iuv) ?? {}
    return {
      nav: option.nav,
      iuv: option.iuv,
      organizationFiscalCode: position.organizationFiscalCode,
      amount: option.amount,
      description: option.description,
      isPartialPayment: sent.isPartialPayment ?? false,
      dueDate: option.dueDate.toISOString(),
      ...(sent.retentionDate ? { retentionDate: sent.retentionDate } : {}),
      ...(option.paymentDate ? { paymentDate: option.paymentDate.toISOString() } : {}),
      insertedDate: position.insertedDate.toISOString(),
      ...(option.paymentMethod ? { paymentMethod: option.paymentMethod } : {}),
      fee: option.fee ?? 0,
      notificationFee: 0,
      ...(option.pspCompany ? { pspCompany: option.pspCompany } : {}),
      ...(option.idReceipt ? { idReceipt: option.idReceipt } : {}),
      status: option.status,
      lastUpdatedDate: position.lastUpdatedDate.toISOString(),
      paymentOptionMetadata: sent.paymentOptionMetadata ?? [],
      transfer: (sent.transfer ?? []).map((transfer: any) => ({
        ...transfer,
        organizationFiscalCode: transfer.organizationFiscalCode ?? position.organizationFiscalCode,
        insertedDate: position.insertedDate.toISOString(),
        status: 'T_UNREPORTED',
        lastUpdatedDate: position.lastUpdatedDate.toISOString(),
      })),
    }
  })
}

/** components.schemas.PaymentPositionModelBaseResponse (GET) */
function baseResponse(position: StoredPosition) {
  return {
    iupd: position.iupd,
    organizationFiscalCode: position.organizationFiscalCode,
    type: position.model.type,
    companyName: position.model.companyName,
    ...(position.model.officeName ? { officeName: position.model.officeName } : {}),
    insertedDate: iso(position.insertedDate),
    publishDate: iso(position.publishDate),
    validityDate: iso(position.validityDate),
    paymentDate: iso(position.paymentDate),
    status: position.status,
    lastUpdatedDate: iso(position.lastUpdatedDate),
    paymentOption: optionsResponse(position),
  }
}

/** components.schemas.PaymentPositionModel (create, invalidate): what was sent, with GPD's fields. */
function modelResponse(position: StoredPosition) {
  return {
    ...position.model,
    validityDate: iso(position.validityDate),
    paymentDate: iso(position.paymentDate),
    status: position.status,
    paymentOption: (position.model.paymentOption ?? []).map((option: any) => ({
      ...option,
      nav: position.options.find((stored) => stored.iuv === option.iuv)?.nav,
    })),
  }
}

/** GPD's station, which receives the Nodo's receipts for the positions it holds. */
export const GPD_STATION = { brokerId: '15376371009', stationId: '15376371009_01' }

export const gpdApi: SimulatedApi = {
  base: '/gpd/debt-positions-service/v1',
  document: 'gpd',
  handlers: {
    async createPosition({ pathParams, query, body }) {
      const now = new Date()
      const problems = creationProblems(body, now)
      if (problems.length) return problem(400, 'Bad Request', problems.join('; '))
      try {
        const position = await createPosition({
          organizationFiscalCode: pathParams.organizationfiscalcode,
          model: body,
          switchToExpired: body.switchToExpired === true,
          validityDate: body.validityDate ? new Date(body.validityDate) : null,
          options: body.paymentOption.map((option: any) => ({
            iuv: option.iuv,
            // without a nav GPD makes one with aux digit 3
            nav: option.nav ?? `3${option.iuv}`,
            amount: option.amount,
            description: option.description,
            dueDate: new Date(option.dueDate),
          })),
          publish: query.toPublish === true,
          now,
        })
        return json(201, modelResponse(position))
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error
        return problem(
          409,
          'Conflict: duplicate debt position found.',
          `The debt position with Organization Fiscal Code ${pathParams.organizationfiscalcode} already exists`
        )
      }
    },

    async getOrganizationDebtPositionByIUPD({ pathParams }) {
      const position = await readPosition(pathParams.organizationfiscalcode, pathParams.iupd)
      if (!position) return problem(404, 'Not found', 'No debt position found.')
      return json(200, baseResponse(position))
    },

    async invalidatePosition({ pathParams }) {
      const result = await invalidatePosition(pathParams.organizationfiscalcode, pathParams.iupd)
      if (result === 'not_found') return problem(404, 'Not found', 'No debt position found.')
      if (result === 'not_invalidable') {
        return problem(409, 'Conflict', 'Conflict: debt position is not in invalidable state.')
      }
      return json(200, modelResponse(result))
    },
  },
}

export const receiptsApi: SimulatedApi = {
  base: '/gpd/payments-receipts-service/v1',
  document: 'gpd_payments',
  handlers: {
    async getReceiptByIUV({ pathParams }) {
      const receipt = await receiptOf(pathParams.organizationfiscalcode, pathParams.iuv)
      if (!receipt) return problem(404, 'Not found', 'No receipt found.')
      return {
        status: 200,
        headers: { 'content-type': 'application/xml' },
        body: receiptDocument(receipt.data),
      }
    },
  },
}
