import { praticaPaths } from '#services/pratiche/pratica_paths'

/**
 * The addresses the pratica page links to. The same page is shown in the
 * personal area and, without login, to the browser holding the signed
 * link: its own actions (messages, downloads) live under each; the
 * compile, withdrawal and modulo compilato pages (praticaPaths) serve
 * both.
 */
export type PraticaVia = 'area' | 'link'

export function praticaUrls(enteSlug: string, uuid: string, via: PraticaVia) {
  const paths = praticaPaths(enteSlug, uuid)
  const area = `/${enteSlug}/area-personale`
  const own = `/${enteSlug}/pratiche/${uuid}`
  const page = via === 'area' ? paths.personalArea : own
  return {
    page,
    messages: `${page}/messaggi`,
    attachment: (uploadId: string) =>
      via === 'area' ? `${area}/allegati/${uploadId}` : `${own}/allegati/${uploadId}`,
    compile: paths.compile,
    payment: paths.payment,
    // "Ritira pratica" comes back here once done
    withdraw: `${paths.withdraw}?torna=${encodeURIComponent(page)}`,
    modulo: paths.modulo,
  }
}

export type PraticaUrls = ReturnType<typeof praticaUrls>
