import { test } from '@japa/runner'
import {
  checkAttachmentContent,
  MESSAGE_ATTACHMENT_TYPES,
} from '#services/pratiche/messages/attachment_types'

const bytes = (...parts: Array<number[] | string>) =>
  new Uint8Array(
    Buffer.concat(
      parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part)))
    )
  )

const OLE = bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], new Array(64).fill(0))
const ZIP = bytes([0x50, 0x4b, 0x03, 0x04], new Array(64).fill(1))
const SIGNED = bytes([
  0x30, 0x82, 0x01, 0x00, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02,
])
const XML = bytes('\ufeff  <?xml version="1.0" encoding="UTF-8"?><documento/>')
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], new Array(64).fill(0))

/** A genuine start of a file of each type of the manual's list. */
const GENUINE: Record<string, Uint8Array> = {
  doc: OLE,
  xls: OLE,
  ppt: OLE,
  docx: ZIP,
  xlsx: ZIP,
  pptx: ZIP,
  odt: ZIP,
  ods: ZIP,
  odp: ZIP,
  zip: ZIP,
  pdf: bytes('%PDF-1.7\n%âãÏÓ'),
  jpeg: bytes([0xff, 0xd8, 0xff, 0xe0]),
  jpg: bytes([0xff, 0xd8, 0xff, 0xe1]),
  png: PNG,
  apng: PNG,
  gif: bytes('GIF89a'),
  webp: bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '),
  ico: bytes([0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x10, 0x10]),
  rtf: bytes('{\\rtf1\\ansi Lettera}'),
  p7: SIGNED,
  p7m: SIGNED,
  p7c: SIGNED,
  xp7m: XML,
  xml: XML,
  abw: bytes('<?xml version="1.0"?><abiword>'),
  csv: bytes('targa;data\r\nAB123CD;12/02/2025\r\n'),
  txt: bytes('Città di Bugliano\tprotocollo\n'),
}

const PROGRAM = bytes('MZ', [0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00])

test.group("Message attachments: the manual's formats, checked by content", () => {
  test("the list is the manual's, and every format has a content check", ({ assert }) => {
    assert.equal(
      MESSAGE_ATTACHMENT_TYPES.join(', '),
      'doc, docx, odt, pdf, xls, xlsx, ods, ppt, pptx, odp, csv, xml, rtf, abw, txt, jpeg, jpg, png, apng, webp, ico, gif, p7, p7m, xp7m, p7c, zip'
    )
    assert.sameMembers(Object.keys(GENUINE), MESSAGE_ATTACHMENT_TYPES)
  })

  test('a genuine file of each format is accepted with its type', ({ assert }) => {
    for (const [extension, sample] of Object.entries(GENUINE)) {
      const checked = checkAttachmentContent(`documento.${extension}`, sample)
      assert.isUndefined(checked.error, `${extension}: ${checked.error}`)
      assert.match(checked.mime!, /^(application|image|text)\//, extension)
    }
    assert.equal(checkAttachmentContent('lettera.doc', OLE).mime, 'application/msword')
    assert.equal(checkAttachmentContent('elenco.CSV', GENUINE.csv).mime, 'text/csv')
  })

  test('a program is refused whatever extension of the list it wears', ({ assert }) => {
    for (const extension of MESSAGE_ATTACHMENT_TYPES) {
      assert.equal(
        checkAttachmentContent(`documento.${extension}`, PROGRAM).error,
        `Il contenuto del file «documento.${extension}» non corrisponde a un file ${extension}: carica il documento originale.`
      )
    }
  })

  test('one format is not another: a PDF as text, an image as a Word file, text as XML', ({
    assert,
  }) => {
    assert.isDefined(checkAttachmentContent('note.txt', GENUINE.pdf).error)
    assert.isDefined(checkAttachmentContent('lettera.docx', PNG).error)
    assert.isDefined(checkAttachmentContent('lettera.doc', ZIP).error)
    assert.isDefined(checkAttachmentContent('dati.xml', GENUINE.csv).error)
    assert.isDefined(checkAttachmentContent('vuoto.txt', new Uint8Array()).error)
  })

  test('an extension outside the list is refused by type', ({ assert }) => {
    assert.equal(
      checkAttachmentContent('installa.exe', PROGRAM).error,
      'Il file «installa.exe» non è di un tipo ammesso: puoi caricare solo file doc, docx, odt, pdf, xls, xlsx, ods, ppt, pptx, odp, csv, xml, rtf, abw, txt, jpeg, jpg, png, apng, webp, ico, gif, p7, p7m, xp7m, p7c e zip.'
    )
  })
})
