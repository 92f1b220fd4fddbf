import db from '@adonisjs/lucid/services/db'
import Ente from '#models/ente'
import Office from '#models/office'
import Service from '#models/service'
import ServiceGroup from '#models/service_group'
import type { Scheda } from '#domain/service_settings'

/**
 * The catalogue and scheda benches (bin/bench_scenarios.js) read
 * bench-ente-1 as a real ente's site: every service with a whole scheda
 * (each section of the manual, of a realistic length, some of it HTML),
 * one in four in each of three service groups (the "Tipologia" filter),
 * offices with an address and two opening slots. Runs once: a service
 * with "Come fare" means it is done.
 */
export const BENCH_CATALOGUE = { ente: 'bench-ente-1', service: 'servizio-1' }

const GROUPS = ['Pagamenti', 'Autorizzazioni e concessioni', 'Domande e iscrizioni']

function scheda(n: number): Scheda {
  const name = `Servizio numero ${n}`
  return {
    nome: name,
    descrizione_breve: `Descrizione breve del servizio numero ${n}.`,
    a_chi_e_rivolto:
      'A chi risiede nel Comune o vi ha la sede della propria attività, e a chi agisce per loro con una delega.',
    descrizione:
      `Il servizio ${n} permette di presentare online la richiesta, senza recarsi allo sportello.\n\n` +
      "La richiesta viene esaminata dall'ufficio competente, che può chiedere integrazioni; l'esito arriva nell'area personale e per email.",
    come_fare:
      '<p>Per presentare la richiesta:</p><ol><li>accedi con SPID o CIE;</li><li>compila il modulo e allega i documenti;</li><li>controlla il riepilogo e invia.</li></ol>',
    cosa_serve:
      "<ul><li>SPID o CIE</li><li>un documento d'identità valido</li><li>la marca da bollo, se prevista</li></ul>",
    cosa_si_ottiene: "L'esito della richiesta e, se accolta, il documento che la autorizza.",
    tempi_e_scadenze: "L'ufficio risponde entro 30 giorni dalla presentazione della richiesta.",
    costi: 'Il servizio prevede una marca da bollo da 16,00 euro, pagabile online con pagoPA.',
    condizioni:
      'La richiesta può essere ritirata finché non è presa in carico. I dati sono trattati secondo l’informativa privacy del Comune.',
    contatti:
      "Per informazioni scrivi all'ufficio dalla tua area personale: i messaggi arrivano direttamente a chi segue la pratica.",
  }
}

export async function seedBenchSchede() {
  const ente = await Ente.findBy('slug', BENCH_CATALOGUE.ente)
  if (!ente) return
  const services = await Service.forEnte(ente).orderBy('id')
  if (services.some((service) => service.content.it?.come_fare)) return

  await db.transaction(async (trx) => {
    const groups = await ServiceGroup.createMany(
      GROUPS.map((name, n) => ({ enteId: ente.id, name, slug: `tipologia-${n + 1}` })),
      { client: trx }
    )
    for (const [n, service] of services.entries()) {
      service.useTransaction(trx)
      service.merge({
        content: { it: scheda(n + 1) },
        serviceGroupId: n % 4 === 3 ? null : groups[n % 4].id,
      })
      await service.save()
    }
    const offices = await Office.forEnte(ente).useTransaction(trx)
    for (const [n, office] of offices.entries()) {
      office.merge({
        description:
          'Al piano terra del palazzo comunale, accessibile alle persone con disabilità.',
        address: `Piazza del Municipio ${n + 1}`,
        postalCode: '00100',
        city: 'Bench',
        email: `ufficio.${n + 1}@bench-ente-1.example.it`,
        phone: `06 1234 56${String(n).padStart(2, '0')}`,
        openingHours: [
          { days: [1, 3, 5], from: '09:00', to: '12:30' },
          { days: [2, 4], from: '15:00', to: '17:30' },
        ],
      })
      await office.useTransaction(trx).save()
    }
  })
}
