import { randomUUID } from 'node:crypto'
import edge from 'edge.js'
import type { PluginHttpRequest, PluginHttpResponse } from '#extension_points/define_plugin'
import { formatNoticeCode } from '#extension_points/payment/notice_code'
import { deliverReceipt } from './delivery.js'
import { GPD_STATION } from './gpd_api.js'
import type { SimulatedApi } from './http.js'
import { issueMarcaDaBollo, newIubd } from './marca_da_bollo.js'
import type { ReceiptData } from './receipt_document.js'
import {
  closeCart,
  ConflictError,
  createCart,
  findCart,
  payNotices,
  positionOfNotice,
  type Cart,
  type StoredOption,
  type StoredPosition,
} from './store.js'

/**
 * Checkout: the EC API's `POST /carts` (302 to the cart's page) and the page
 * itself, where the citizen pays with a test card or cancels. Paying a cart
 * pays all its notices or none; the receipts are stored for GPD and sent to
 * the ente's station; the citizen goes back to the cart's returnOkUrl. A
 * second "Paga" on a paid cart goes back to the same place and pays nothing.
 * A notice whose transfer is a stamp buys a marca da bollo digitale: the
 * PSP issues it with the receipt (MBDAttachment).
 */
export const TEST_CARDS = { approved: '4242424242424242', declined: '4000000000000002' }

/** The simulated PSP and its fee (one per checkout, however many notices). */
const PSP = {
  idPSP: 'SIMPSP01',
  fiscalCode: '00000000000',
  pspCompanyName: 'Banca di prova (simulatore)',
  idChannel: 'SIMPSP01_01',
  channelDescription: 'Checkout pagoPA',
  paymentMethod: 'creditCard',
  feeCents: 50,
}

const VIEW = 'payment_pagopa_gpd::'
const PAGE_PATH = '/checkout/c/'

interface CartNotice {
  noticeNumber: string
  fiscalCode: string
  amount: number
  companyName: string
  description: string
}

export const checkoutApi: SimulatedApi = {
  base: '/checkout/ec/v2',
  document: 'checkout_v2',
  handlers: {
    async PostCartsV2({ body, root }) {
      const id = randomUUID()
      await createCart(id, body)
      return { status: 302, headers: { location: `${root}${PAGE_PATH}${id}` } }
    },
  },
}

function euro(cents: number) {
  return new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' }).format(cents / 100)
}

/** What the position sent for this option (transfers, metadata). */
function sentOption(position: StoredPosition, option: StoredOption): Record<string, any> {
  return (position.model.paymentOption ?? []).find((item: any) => item.iuv === option.iuv) ?? {}
}

/** The stamp request of the option's transfer, when it buys a marca da bollo. */
function stampOf(position: StoredPosition, option: StoredOption) {
  const transfers: any[] = sentOption(position, option).transfer ?? []
  return transfers.find((transfer) => transfer.stamp)?.stamp as
    { hashDocument: string; stampType: string; provincialResidence: string } | undefined
}

/** The notice as the page shows it: why it cannot be paid now (null when it can), its stamp. */
async function stateOf(notice: CartNotice) {
  const found = await positionOfNotice(notice.fiscalCode, notice.noticeNumber)
  const stamp = found ? stampOf(found.position, found.option) : undefined
  return {
    problem: found ? problemOf(found.position, found.option) : 'Avviso non trovato presso l’ente.',
    stamp,
  }
}

function problemOf(position: StoredPosition, option: StoredOption) {
  if (option.status !== 'PO_UNPAID') return 'Avviso già pagato.'
  if (position.status === 'EXPIRED') return 'Avviso scaduto.'
  if (position.status === 'INVALID') return 'Avviso annullato dall’ente.'
  if (position.status !== 'VALID') return 'Avviso non ancora pagabile.'
  return null
}

async function page(template: string, data: Record<string, unknown>, status = 200) {
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    body: await edge.render(`${VIEW}${template}`, data),
  } satisfies PluginHttpResponse
}

function redirect(url: string): PluginHttpResponse {
  return { status: 303, headers: { location: url } }
}

function cartIdOf(request: PluginHttpRequest) {
  return new URL(request.url).pathname.split('/').pop() ?? ''
}

/** The form's fields, from the app's parsed body or the raw urlencoded text. */
function formOf(request: PluginHttpRequest): Record<string, string> {
  const body = request.body
  if (body && typeof body === 'object') {
    return Object.fromEntries(
      Object.entries(body as Record<string, unknown>).map(([key, value]) => [
        key,
        String(value ?? ''),
      ])
    )
  }
  return Object.fromEntries(new URLSearchParams(request.rawBody ?? ''))
}

function luhn(digits: string) {
  let sum = 0
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index])
    if (index % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2
    sum += digit
  }
  return sum % 10 === 0
}

export function cardErrors(values: Record<string, string>, now = new Date()) {
  const errors: Record<string, string> = {}
  const number = (values.numeroCarta ?? '').replace(/[\s-]/g, '')
  if (!/^\d{13,19}$/.test(number) || !luhn(number)) {
    errors.numeroCarta = 'Numero della carta non valido.'
  }
  const expiry = /^(\d{2})\/(\d{2})$/.exec((values.scadenza ?? '').trim())
  const month = expiry ? Number(expiry[1]) : 0
  const endOfMonth = expiry ? new Date(Date.UTC(2000 + Number(expiry[2]), month, 1)) : null
  if (!expiry || month < 1 || month > 12 || endOfMonth! <= now) {
    errors.scadenza = 'Indica una scadenza futura nel formato MM/AA.'
  }
  if (!/^\d{3,4}$/.test((values.cvv ?? '').trim())) {
    errors.cvv = 'Il codice di sicurezza ha 3 o 4 cifre.'
  }
  return { errors, number }
}

async function cartPage(
  cart: Cart,
  action: string,
  form: { values?: Record<string, string>; errors?: Record<string, string> } = {},
  status = 200
) {
  const notices: CartNotice[] = cart.request.paymentNotices
  const rows = await Promise.all(
    notices.map(async (notice) => {
      const { problem, stamp } = await stateOf(notice)
      return {
        companyName: notice.companyName,
        description: notice.description,
        noticeCode: formatNoticeCode(notice.noticeNumber),
        amount: euro(notice.amount),
        problem,
        stamp: stamp && { province: stamp.provincialResidence },
      }
    })
  )
  const total = notices.reduce((sum, notice) => sum + notice.amount, 0)
  return page(
    'checkout',
    {
      action,
      cart: { status: cart.status, email: cart.request.emailNotice },
      notices: rows,
      payable: rows.every((row) => !row.problem),
      total: euro(total),
      fee: euro(PSP.feeCents),
      totalWithFee: euro(total + PSP.feeCents),
      urls: cart.request.returnUrls,
      values: form.values ?? {
        numeroCarta: '4242 4242 4242 4242',
        scadenza: '12/30',
        cvv: '123',
      },
      errors: form.errors ?? {},
      testCards: { approved: '4242 4242 4242 4242', declined: '4000 0000 0000 0002' },
    },
    status
  )
}

/** A stamp transfer's marca da bollo, issued by the PSP at payment time (base64). */
function marcaFor(transfer: any, paidAt: Date) {
  const marca = issueMarcaDaBollo({
    psp: { fiscalCode: PSP.fiscalCode, name: PSP.pspCompanyName },
    iubd: newIubd(),
    issuedAt: paidAt,
    amountCents: transfer.amount,
    stampType: transfer.stamp.stampType,
    documentHash: transfer.stamp.hashDocument,
  })
  return Buffer.from(marca, 'utf8').toString('base64')
}

function receiptFor(position: StoredPosition, option: StoredOption, feeCents: number): ReceiptData {
  const model = position.model
  const sent = sentOption(position, option)
  return {
    idPA: position.organizationFiscalCode,
    idBrokerPA: GPD_STATION.brokerId,
    idStation: GPD_STATION.stationId,
    receiptId: option.idReceipt!,
    noticeNumber: option.nav,
    fiscalCode: position.organizationFiscalCode,
    creditorReferenceId: option.iuv,
    amountCents: option.amount,
    description: option.description,
    companyName: model.companyName,
    debtor: {
      type: model.type,
      fiscalCode: model.fiscalCode,
      fullName: model.fullName,
      ...(model.email ? { email: model.email } : {}),
    },
    transfers: (sent.transfer ?? []).map((transfer: any) => ({
      idTransfer: transfer.idTransfer,
      amountCents: transfer.amount,
      fiscalCodePA: transfer.organizationFiscalCode ?? position.organizationFiscalCode,
      ...(transfer.stamp
        ? { mbdAttachment: marcaFor(transfer, option.paymentDate!) }
        : { iban: transfer.iban ?? transfer.postalIban }),
      remittanceInformation: transfer.remittanceInformation,
      transferCategory: transfer.category,
    })),
    idPSP: PSP.idPSP,
    pspCompanyName: PSP.pspCompanyName,
    idChannel: PSP.idChannel,
    channelDescription: PSP.channelDescription,
    paymentMethod: PSP.paymentMethod,
    feeCents,
    paidAt: option.paymentDate!,
    metadata: sent.paymentOptionMetadata ?? [],
  }
}

async function pay(cart: Cart) {
  const notices: CartNotice[] = cart.request.paymentNotices
  const paidAt = new Date()
  const receipts = await payNotices(
    notices.map((notice, index) => {
      // one fee per checkout: on the first notice's receipt
      const feeCents = index === 0 ? PSP.feeCents : 0
      return {
        organizationFiscalCode: notice.fiscalCode,
        nav: notice.noticeNumber,
        receiptId: randomUUID().replace(/-/g, ''),
        pspCompany: PSP.pspCompanyName,
        paymentMethod: PSP.paymentMethod,
        fee: feeCents,
        paidAt,
        receipt: (position, option) => receiptFor(position, option, feeCents),
      }
    })
  )
  await closeCart(cart.id, 'paid')
  for (const receipt of receipts) {
    await deliverReceipt(receipt.organizationFiscalCode, receipt.iuv)
  }
}

export const checkoutPageRoutes = [
  {
    method: 'GET' as const,
    path: `${PAGE_PATH}:cart`,
    async handler(request: PluginHttpRequest): Promise<PluginHttpResponse> {
      const cart = await findCart(cartIdOf(request))
      if (!cart) return page('not_found', {}, 404)
      return cartPage(cart, new URL(request.url).pathname)
    },
  },
  {
    method: 'POST' as const,
    path: `${PAGE_PATH}:cart`,
    // the remote's own page posting to itself, as Checkout's would
    csrfExempt: true,
    async handler(request: PluginHttpRequest): Promise<PluginHttpResponse> {
      const cart = await findCart(cartIdOf(request))
      if (!cart) return page('not_found', {}, 404)
      const urls = cart.request.returnUrls
      const action = new URL(request.url).pathname
      // a second submit answers like the first and changes nothing
      if (cart.status === 'paid') return redirect(urls.returnOkUrl)
      if (cart.status === 'cancelled') return redirect(urls.returnCancelUrl)

      const values = formOf(request)
      if (values.azione === 'annulla') {
        await closeCart(cart.id, 'cancelled')
        return redirect(urls.returnCancelUrl)
      }
      const { errors, number } = cardErrors(values)
      if (!Object.keys(errors).length && number === TEST_CARDS.declined) {
        errors.pagamento =
          'La banca ha rifiutato il pagamento: nessun importo è stato addebitato. Prova con un’altra carta.'
      }
      if (Object.keys(errors).length) return cartPage(cart, action, { values, errors }, 422)

      try {
        await pay(cart)
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error
        // paid meanwhile by a concurrent submit, or a notice no longer payable
        const current = await findCart(cart.id)
        if (current?.status === 'paid') return redirect(urls.returnOkUrl)
        return cartPage(cart, action, { values }, 409)
      }
      return redirect(urls.returnOkUrl)
    },
  },
]
