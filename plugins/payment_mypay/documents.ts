import { parseXml } from '#extension_points/payment/kit/xml'
import { DateTime } from 'luxon'

/**
 * The XML documents of PagInf_Dovuti_Pagati_6_2_0.xsd, which travel
 * base64-encoded inside MyPay's SOAP fields: `Versamento` (what the
 * platform sends to paaSILImportaDovuto), `Dovuti` (what
 * paaSILChiediPosizioniAperte answers), `Pagati` / `PagatiConRicevuta`
 * (the outcome of a payment, in answers and in the push).
 */
export const PAY_I = 'http://www.regione.veneto.it/schemas/2012/Pagamenti/Ente/'
/** MyPay's `pa.deRpVersioneOggetto` */
export const VERSIONE_OGGETTO = '6.2.0'
/** tipoVersamento: every payment method (MyPay's Constants.ALL_PAGAMENTI) */
export const TIPO_VERSAMENTO = 'ALL'
/**
 * The tipo dovuto of a marca da bollo digitale: MyPay gives it to every
 * ente (EnteTipoDovutoService.insertDefaultSet) and refuses it in
 * paaSILImportaDovuto; only paaSILInviaDovuti takes it.
 */
export const TIPO_DOVUTO_MARCA_BOLLO = 'MARCA_BOLLO_DIGITALE'
/** stTipoBollo: "01", imposta di bollo, the only value */
export const TIPO_BOLLO = '01'
/** stTipoAllegatoRicevuta "BD": the allegato is the marca da bollo digitale */
export const ALLEGATO_MARCA_DA_BOLLO = 'BD'

export type PayerKind = 'F' | 'G'

export interface Payer {
  kind: PayerKind
  fiscalCode: string
  name: string
  email?: string | null
}

export interface VersamentoInput {
  azione: 'I' | 'A'
  payer: Payer
  iud: string
  /** given for azione A (the dovuto to cancel) */
  iuv?: string
  amountCents: number
  tipoDovuto: string
  causale: string
  datiSpecificiRiscossione: string
  dueDate?: Date | null
}

/** ctDatiMarcaBolloDigitale (tipoBollo is always TIPO_BOLLO). */
export interface MarcaBollo {
  /** base64 digest of the stamped document */
  hashDocumento: string
  /** the payer's province (sigla) */
  provinciaResidenza: string
}

/** One dovuto of a Pagati document. */
export interface PagatoItem {
  iud: string
  amountCents: number
  esito: string | null
  date: string
  iur: string
  causale: string
  /** allegatoRicevuta (PagatiConRicevuta only): `BD` carries the marca da bollo, base64 */
  allegato: { tipo: string; testo: string } | null
}

export interface PagatiDocument {
  /** 0 paid, 1 not paid, 2 partially paid, 3 and 4 expired ("decorrenza termini") */
  codiceEsito: string
  iuv: string
  messageId: string
  messageTime: Date
  payerFiscalCode: string
  pspName: string
  totalCents: number
  items: PagatoItem[]
}

export interface DovutoItem {
  iud: string
  amountCents: number
  tipoDovuto: string
  causale: string
  datiSpecificiRiscossione: string
  marcaBollo?: MarcaBollo | null
}

export interface DovutiDocument {
  payer: Payer
  iuv: string | null
  items: DovutoItem[]
}

/** One datiSingoloVersamento of a `Dovuti` document, its amount as the XSD writes it. */
export type DovutoDocumentItem = Omit<DovutoItem, 'amountCents'> & { amount: string }

const EMAIL = /^[a-zA-Z0-9_!#$%&'*+/=?`{|}~^.-]+@[a-zA-Z0-9.-]+$/

export function escapeXml(value: string) {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;')
}

/** stImporto: "15.50" for 1550 cents. */
export function formatAmount(cents: number) {
  if (!Number.isInteger(cents) || cents < 0) throw new TypeError(`not an amount in cents: ${cents}`)
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`
}

/** "15.5" or "15.50" → 1550, without floating point. */
export function parseAmount(value: string) {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(value.trim())
  if (!match) throw new TypeError(`not an amount: "${value}"`)
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
}

/** The calendar day of a date in Italy (xsd:date), whatever the server's zone. */
export function italianDate(date: Date) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(date)
}

/** An xsd:dateTime; one without an offset is MyPay's local time, Italy's. */
export function italianTime(value: string) {
  const time = DateTime.fromISO(value, { zone: 'Europe/Rome' })
  if (!time.isValid) throw new TypeError(`not a date and time: "${value}"`)
  return time.toJSDate()
}

/** Cuts a text to a stTextNN length, on characters (not UTF-16 units). */
export function clip(value: string, length: number) {
  const characters = [...value.trim()]
  return characters.length > length ? characters.slice(0, length).join('') : value.trim()
}

/** `<name>value</name>`, escaped; nothing for an empty value (an optional element left out). */
export function xmlElement(name: string, value: string | null | undefined) {
  return value ? `<${name}>${escapeXml(value)}</${name}>` : ''
}

/** ctSoggettoPagatore, the payer block every document of the XSD shares. */
export function soggettoPagatoreXml(payer: Payer) {
  return (
    '<soggettoPagatore>' +
    '<identificativoUnivocoPagatore>' +
    xmlElement('tipoIdentificativoUnivoco', payer.kind) +
    xmlElement('codiceIdentificativoUnivoco', payer.fiscalCode.toUpperCase()) +
    '</identificativoUnivocoPagatore>' +
    xmlElement('anagraficaPagatore', clip(payer.name, 70)) +
    // a value the XSD pattern refuses would make MyPay refuse the whole dovuto
    xmlElement('e-mailPagatore', payer.email && EMAIL.test(payer.email) ? payer.email : null) +
    '</soggettoPagatore>'
  )
}

/** The `Versamento` document of paaSILImportaDovuto (ctVersamento). */
export function versamentoXml(input: VersamentoInput) {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<Versamento xmlns="${PAY_I}">` +
    xmlElement('versioneOggetto', VERSIONE_OGGETTO) +
    soggettoPagatoreXml(input.payer) +
    '<datiVersamento>' +
    xmlElement('dataEsecuzionePagamento', input.dueDate ? italianDate(input.dueDate) : null) +
    xmlElement('tipoVersamento', TIPO_VERSAMENTO) +
    xmlElement('identificativoUnivocoVersamento', input.iuv) +
    xmlElement('identificativoUnivocoDovuto', input.iud) +
    xmlElement('importoSingoloVersamento', formatAmount(input.amountCents)) +
    xmlElement('identificativoTipoDovuto', input.tipoDovuto) +
    xmlElement('causaleVersamento', clip(input.causale, 1024)) +
    xmlElement('datiSpecificiRiscossione', input.datiSpecificiRiscossione) +
    '</datiVersamento>' +
    xmlElement('azione', input.azione) +
    '</Versamento>'
  )
}

/**
 * The `Dovuti` document (ctDovuti): what paaSILInviaDovuti receives (no
 * IUV: MyPay assigns it) and paaSILChiediPosizioniAperte answers.
 */
export function dovutiXml(input: {
  payer: Payer
  iuv?: string | null
  items: DovutoDocumentItem[]
}) {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<Dovuti xmlns="${PAY_I}">` +
    xmlElement('versioneOggetto', VERSIONE_OGGETTO) +
    soggettoPagatoreXml(input.payer) +
    '<datiVersamento>' +
    xmlElement('tipoVersamento', TIPO_VERSAMENTO) +
    xmlElement('identificativoUnivocoVersamento', input.iuv) +
    input.items
      .map(
        (item) =>
          '<datiSingoloVersamento>' +
          xmlElement('identificativoUnivocoDovuto', item.iud) +
          xmlElement('importoSingoloVersamento', item.amount) +
          xmlElement('identificativoTipoDovuto', item.tipoDovuto) +
          xmlElement('causaleVersamento', clip(item.causale, 1024)) +
          xmlElement('datiSpecificiRiscossione', item.datiSpecificiRiscossione) +
          (item.marcaBollo
            ? '<datiMarcaBolloDigitale>' +
              xmlElement('tipoBollo', TIPO_BOLLO) +
              xmlElement('hashDocumento', item.marcaBollo.hashDocumento) +
              xmlElement('provinciaResidenza', item.marcaBollo.provinciaResidenza) +
              '</datiMarcaBolloDigitale>'
            : '') +
          '</datiSingoloVersamento>'
      )
      .join('') +
    '</datiVersamento>' +
    '</Dovuti>'
  )
}

/**
 * A base64 SOAP field back to its XML. MyPay encodes `pagati` twice (the
 * bytes it puts in the field are already base64: see a real
 * paaSILChiediPagatiConRicevutaRisposta) and `dovuti` once: both are read.
 */
export function decodeDocument(field: string) {
  let decoded = Buffer.from(field, 'base64').toString('utf8').trim()
  if (!decoded.startsWith('<') && /^[A-Za-z0-9+/=\s]+$/.test(decoded)) {
    decoded = Buffer.from(decoded, 'base64').toString('utf8').trim()
  }
  if (!decoded.startsWith('<')) throw new TypeError('the field does not hold an XML document')
  return decoded
}

export function encodeDocument(xml: string) {
  return Buffer.from(xml, 'utf8').toString('base64')
}

function parse(xml: string, root: string[]) {
  let element: Element
  try {
    element = parseXml(xml)
  } catch (error) {
    throw new TypeError(`not a ${root.join(' / ')} document: ${(error as Error).message}`)
  }
  if (element.namespaceURI !== PAY_I || !root.includes(element.localName)) {
    throw new TypeError(`not a ${root.join(' / ')} document`)
  }
  return element
}

function children(parent: Element, name: string) {
  const found: Element[] = []
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (
      node.nodeType === 1 &&
      (node as Element).namespaceURI === PAY_I &&
      (node as Element).localName === name
    ) {
      found.push(node as Element)
    }
  }
  return found
}

function child(parent: Element, name: string) {
  const found = children(parent, name)[0]
  if (!found) throw new TypeError(`missing <${name}> in <${parent.localName}>`)
  return found
}

function text(parent: Element, path: string) {
  const steps = path.split('/')
  let current = parent
  for (const step of steps) current = child(current, step)
  return (current.textContent ?? '').trim()
}

function optionalText(parent: Element, path: string) {
  try {
    return text(parent, path)
  } catch {
    return null
  }
}

function payerOf(soggetto: Element): Payer {
  return {
    kind: text(soggetto, 'identificativoUnivocoPagatore/tipoIdentificativoUnivoco') as PayerKind,
    fiscalCode: text(soggetto, 'identificativoUnivocoPagatore/codiceIdentificativoUnivoco'),
    name: text(soggetto, 'anagraficaPagatore'),
    email: optionalText(soggetto, 'e-mailPagatore'),
  }
}

/** A `Pagati` or `PagatiConRicevuta` document. */
export function parsePagati(xml: string): PagatiDocument {
  const root = parse(xml, ['Pagati', 'PagatiConRicevuta'])
  const dati = child(root, 'datiPagamento')
  return {
    codiceEsito: text(dati, 'codiceEsitoPagamento'),
    iuv: text(dati, 'identificativoUnivocoVersamento'),
    messageId: text(root, 'identificativoMessaggioRicevuta'),
    messageTime: italianTime(text(root, 'dataOraMessaggioRicevuta')),
    payerFiscalCode: payerOf(child(root, 'soggettoPagatore')).fiscalCode,
    pspName: text(root, 'istitutoAttestante/denominazioneAttestante'),
    totalCents: parseAmount(text(dati, 'importoTotalePagato')),
    items: children(dati, 'datiSingoloPagamento').map((item) => ({
      iud: text(item, 'identificativoUnivocoDovuto'),
      amountCents: parseAmount(text(item, 'singoloImportoPagato')),
      esito: optionalText(item, 'esitoSingoloPagamento'),
      date: text(item, 'dataEsitoSingoloPagamento'),
      iur: text(item, 'identificativoUnivocoRiscossione'),
      causale: text(item, 'causaleVersamento'),
      allegato: allegatoOf(item),
    })),
  }
}

function allegatoOf(item: Element) {
  const [allegato] = children(item, 'allegatoRicevuta')
  if (!allegato) return null
  return { tipo: text(allegato, 'tipoAllegatoRicevuta'), testo: text(allegato, 'testoAllegato') }
}

function marcaBolloOf(item: Element): MarcaBollo | null {
  const [marca] = children(item, 'datiMarcaBolloDigitale')
  if (!marca) return null
  return {
    hashDocumento: text(marca, 'hashDocumento'),
    provinciaResidenza: text(marca, 'provinciaResidenza'),
  }
}

/** A `Dovuti` document (paaSILChiediPosizioniAperte). */
export function parseDovuti(xml: string): DovutiDocument {
  const root = parse(xml, ['Dovuti'])
  const dati = child(root, 'datiVersamento')
  return {
    payer: payerOf(child(root, 'soggettoPagatore')),
    iuv: optionalText(dati, 'identificativoUnivocoVersamento'),
    items: children(dati, 'datiSingoloVersamento').map((item) => ({
      iud: text(item, 'identificativoUnivocoDovuto'),
      amountCents: parseAmount(text(item, 'importoSingoloVersamento')),
      tipoDovuto: text(item, 'identificativoTipoDovuto'),
      causale: text(item, 'causaleVersamento'),
      datiSpecificiRiscossione: text(item, 'datiSpecificiRiscossione'),
      marcaBollo: marcaBolloOf(item),
    })),
  }
}

export interface VersamentoDocument extends Omit<VersamentoInput, 'dueDate' | 'amountCents'> {
  amount: string
  dueDate: string | null
}

/** A `Versamento` document (what MyPay reads in paaSILImportaDovuto). */
export function parseVersamento(xml: string): VersamentoDocument {
  const root = parse(xml, ['Versamento'])
  const dati = child(root, 'datiVersamento')
  return {
    azione: text(root, 'azione') as 'I' | 'A',
    payer: payerOf(child(root, 'soggettoPagatore')),
    iud: text(dati, 'identificativoUnivocoDovuto'),
    iuv: optionalText(dati, 'identificativoUnivocoVersamento') ?? undefined,
    amount: text(dati, 'importoSingoloVersamento'),
    tipoDovuto: text(dati, 'identificativoTipoDovuto'),
    causale: text(dati, 'causaleVersamento'),
    datiSpecificiRiscossione: text(dati, 'datiSpecificiRiscossione'),
    dueDate: optionalText(dati, 'dataEsecuzionePagamento'),
  }
}
