import { test } from '@japa/runner'
import {
  NS,
  caricaPosizione,
  inviaCarrelloPosizioni,
  readEnvelope,
  soapAction,
  type PosizioneDati,
} from '../messages.js'
import { readReceipt } from '../receipt.js'
import { receiptXml } from '../simulator/receipt.js'
import { processSoap } from '../simulator/services.js'
import { child, children, parseXml } from '../xml.js'

/**
 * The shape of what goes on the wire, as Plug&Pay's public clients show it:
 * the WCF SOAPAction, the operation wrapper in the service's namespace,
 * members in WCF order (base class first, then alphabetical), Servizio's
 * members in PlugAndPayCommon; and the simulator refusing what does not fit.
 */
const posizione: PosizioneDati = {
  iuv: '01070000000004283',
  causale: 'Diritti di segreteria & bolli <test>',
  importoCents: 1550,
  dataScadenza: '2026-12-31T23:59:59',
  debitore: {
    codiceFiscalePartitaIva: 'RSSMRA80A41H501Y',
    nominativo: 'Maria Rossi',
    tipoPagatore: 'PersonaFisica',
    email: 'maria.rossi@example.test',
  },
  creditore: {
    codiceEnte: '80000010000',
    codiceFiscalePartitaIva: '80000010000',
    intestazione: 'Comune di Prova',
  },
  codiceServizio: 'ONERI_SDC',
}

const names = (element: any) => children(element).map((item: any) => item.localName)

test.group('Plug&Pay messages', () => {
  test('SOAPActions are the WCF contract’s', ({ assert }) => {
    assert.equal(
      soapAction('CaricaPosizione'),
      'http://e-fil.eu/PnP/PlugAndPayFeed/IPlugAndPayFeed/CaricaPosizione'
    )
    assert.equal(
      soapAction('RicercaPosizionePerIdentificavo'),
      'http://e-fil.eu/PnP/PlugAndPayDeliver/IPlugAndPayDeliver/RicercaPosizionePerIdentificavo'
    )
    assert.equal(
      soapAction('InviaCarrelloPosizioni'),
      'http://e-fil.eu/PnP/PlugAndPayPayment/IPlugAndPayPayment/InviaCarrelloPosizioni'
    )
    assert.equal(
      soapAction('CreatePdfAvviso'),
      'http://e-fil.eu/GeneratorPdf/IGeneratorPdfBytes/CreatePdfAvviso'
    )
  })

  test('CaricaPosizione: members in WCF order, in the Feed namespace, text escaped', ({
    assert,
  }) => {
    const body = child(parseXml(caricaPosizione('APP-1', posizione)), 'Body')
    const wrapper: any = children(body)[0]
    assert.equal(wrapper.localName, 'CaricaPosizione')
    assert.equal(wrapper.namespaceURI, NS.feed)
    const richiesta: any = children(wrapper)[0]
    assert.equal(richiesta.localName, 'request')
    assert.equal(richiesta.namespaceURI, NS.feed)
    assert.deepEqual(names(richiesta), ['IdApplicazione', 'Posizione'])
    const members = child(richiesta, 'Posizione')
    assert.deepEqual(names(members), [
      'Causale',
      'CodiceRiferimentoCreditore',
      'Creditore',
      'DataScadenza',
      'Debitore',
      'IdentificativoPosizione',
      'ImportoInCentesimi',
      'ParametriPosizione',
      'Servizio',
      'TipoRiferimentoCreditore',
    ])
    assert.deepEqual(names(child(members, 'Debitore')), [
      'CodiceFiscalePartitaIva',
      'Email',
      'Nazione',
      'Nominativo',
      'TipoPagatore',
    ])
    const codice: any = children(child(members, 'Servizio'))[0]
    assert.equal(codice.namespaceURI, NS.common)
    assert.equal(child(members, 'Causale')?.textContent, posizione.causale)
  })

  test('InviaCarrelloPosizioni: the cart between IdApplicazione and the two URLs, not spontaneous', ({
    assert,
  }) => {
    const document = inviaCarrelloPosizioni({
      idApplicazione: 'APP-1',
      posizioni: [posizione, { ...posizione, iuv: '01070000000004380' }],
      urlBack: 'https://ente.example/annullato',
      urlReturn: 'https://ente.example/ritorno?ok=1&ko=2',
    })
    const richiesta = children(children(child(parseXml(document), 'Body'))[0])[0]
    assert.deepEqual(names(richiesta), ['IdApplicazione', 'Carrello', 'UrlBack', 'UrlReturn'])
    const carrello = children(child(richiesta, 'Carrello'), 'Posizione')
    assert.lengthOf(carrello, 2)
    assert.equal(child(carrello[0], 'Spontaneo')?.textContent, 'false')
    assert.equal(
      child(richiesta, 'UrlReturn')?.textContent,
      'https://ente.example/ritorno?ok=1&ko=2'
    )
  })

  test('the simulator refuses a SOAPAction that is not the operation’s, and a request without IdApplicazione', async ({
    assert,
  }) => {
    const wrongAction = await processSoap(
      'feed',
      caricaPosizione('APP-1', posizione),
      {
        soapaction: soapAction('RimuoviPosizione'),
      },
      String
    )
    assert.equal(wrongAction.status, 500)
    assert.equal(readEnvelope(wrongAction.body).fault?.codiceErrore, 'AzioneNonSupportata')

    const anonymous = await processSoap(
      'feed',
      caricaPosizione(' ', posizione),
      {
        soapaction: soapAction('CaricaPosizione'),
      },
      String
    )
    assert.equal(readEnvelope(anonymous.body).fault?.codiceErrore, 'OperazioneProibita')

    const elsewhere = await processSoap(
      'deliver',
      caricaPosizione('APP-1', posizione),
      {
        soapaction: soapAction('CaricaPosizione'),
      },
      String
    )
    assert.equal(readEnvelope(elsewhere.body).fault?.codiceErrore, 'AzioneNonSupportata')
  })

  test('the receipt in DownloadDatiRicevuta reads back to the amount, date and payer', ({
    assert,
  }) => {
    const paidAt = new Date('2026-05-04T10:11:12Z')
    const receipt = readReceipt(
      receiptXml({
        receiptId: 'abc123',
        noticeNumber: `3${posizione.iuv}`,
        creditorFiscalCode: '80000010000',
        iuv: posizione.iuv,
        amountCents: 100_005,
        description: posizione.causale,
        companyName: 'Comune di Prova',
        debtorFiscalCode: 'RSSMRA80A41H501Y',
        debtorName: 'Maria Rossi',
        paidAt,
      })
    )
    assert.equal(receipt.amountCents, 100_005)
    assert.equal(receipt.receiptId, 'abc123')
    assert.equal(receipt.payerFiscalCode, 'RSSMRA80A41H501Y')
    assert.equal(receipt.noticeNumber, `3${posizione.iuv}`)
    assert.equal(receipt.paidAt.getTime(), paidAt.getTime())
  })
})
