import type { Scheda } from '#domain/service_settings'

/**
 * The services the operator manual names, with their scheda, for the demo
 * ente Comune di Bugliano. Text written for the demo; the structure follows
 * the manual's page index.
 */
export type DemoService = {
  slug: string
  name: string
  category: string
  group?: string
  offices: string[]
  minAuthLevel: 0 | 1 | 2 | 3
  maxResponseDays: number
  scheda: Scheda
}

const COSTI_NESSUNO = 'Il servizio non prevede costi.'
const CONTATTI = (ufficio: string) =>
  `${ufficio}, Piazza del Municipio 1, 56040 Bugliano (PI). Per informazioni scrivi dalla tua area personale: i messaggi arrivano direttamente all'ufficio.`

export const BUGLIANO_SERVICES: DemoService[] = [
  {
    slug: 'richiedere-permesso-accesso-area-ztl',
    name: 'Richiedere permesso di accesso ad area ZTL',
    category: 'mobilita-e-trasporti',
    offices: ['Ufficio Mobilità'],
    minAuthLevel: 2,
    maxResponseDays: 30,
    scheda: {
      descrizione_breve:
        'Il servizio permette di ottenere, rinnovare o modificare un permesso di accesso - temporaneo o permanente - alle zone a traffico limitato del Comune (ZTL)',
      a_chi_e_rivolto:
        'A chi abita, lavora o ha un motivo documentato per entrare con un veicolo nella zona a traffico limitato: residenti, attività commerciali, enti e ditte.',
      descrizione:
        'Il permesso ZTL consente a un veicolo di entrare nella zona a traffico limitato del Comune, in modo temporaneo (per esempio per un trasloco) o continuativo. Alla scadenza il permesso si può rinnovare; se cambia il veicolo si può chiederne la modifica.',
      come_fare:
        "Accedi al servizio con SPID o CIE, indica se chiedi per te o per conto di un'altra persona, inserisci i dati del veicolo e allega i documenti richiesti. Alla fine controlla il riepilogo e invia la richiesta.",
      cosa_serve:
        "SPID o CIE; la targa e la carta di circolazione del veicolo; se chiedi per un'altra persona, la delega firmata e il suo documento di identità.",
      cosa_si_ottiene: 'Il permesso di accesso alla ZTL, associato alla targa del veicolo.',
      tempi_e_scadenze: "L'ufficio risponde entro 30 giorni dalla presentazione della richiesta.",
      costi: 'Il rilascio del permesso permanente prevede una marca da bollo da 16,00 euro.',
      condizioni:
        'Il permesso vale solo per il veicolo indicato e per il periodo autorizzato. Va restituito o modificato se cambia il veicolo.',
      contatti: CONTATTI('Ufficio Mobilità'),
    },
  },
  {
    slug: 'pagare-canone-idrico',
    name: 'Pagare il canone idrico',
    category: 'tributi-finanze-e-contravvenzioni',
    group: 'pagamenti',
    offices: ['Ufficio Tributi'],
    minAuthLevel: 2,
    maxResponseDays: 10,
    scheda: {
      descrizione_breve: 'Il servizio permette di pagare il canone idrico',
      a_chi_e_rivolto:
        "Agli intestatari di un contratto di fornitura dell'acqua nel territorio comunale.",
      descrizione:
        "Puoi pagare online il canone per il servizio idrico del periodo indicato nell'avviso, con pagoPA, senza recarti allo sportello.",
      come_fare:
        "Accedi con SPID o CIE, indica il codice utenza e il periodo, poi scegli se pagare online o stampare l'avviso.",
      cosa_serve: 'SPID o CIE e il codice utenza riportato in bolletta.',
      cosa_si_ottiene: 'La ricevuta del pagamento, sempre disponibile nella tua area personale.',
      tempi_e_scadenze: "Il pagamento va effettuato entro la scadenza riportata nell'avviso.",
      costi:
        "L'importo dipende dai consumi del periodo; il prestatore di servizi di pagamento può applicare una commissione.",
      contatti: CONTATTI('Ufficio Tributi'),
    },
  },
  {
    slug: 'pagare-canone-cup',
    name: 'Pagare il canone CUP',
    category: 'tributi-finanze-e-contravvenzioni',
    group: 'pagamenti',
    offices: ['Ufficio Tributi'],
    minAuthLevel: 2,
    maxResponseDays: 10,
    scheda: {
      descrizione_breve: 'Il servizio permette di pagare il canone CUP (Canone Unico Patrimoniale)',
      a_chi_e_rivolto:
        'A chi occupa suolo pubblico o espone mezzi pubblicitari nel territorio comunale e deve versare il Canone Unico Patrimoniale.',
      descrizione:
        "Il Canone Unico Patrimoniale sostituisce la tassa per l'occupazione di suolo pubblico e l'imposta sulla pubblicità. Con questo servizio lo paghi online con pagoPA.",
      come_fare:
        "Accedi con SPID o CIE, indica la concessione o l'autorizzazione e l'importo dovuto, poi paga online o stampa l'avviso.",
      cosa_serve: "SPID o CIE e gli estremi della concessione o dell'autorizzazione.",
      cosa_si_ottiene: 'La ricevuta del pagamento.',
      tempi_e_scadenze:
        "Il canone annuale si paga entro il 31 marzo; quello temporaneo prima dell'occupazione.",
      costi: "L'importo dipende dalla superficie e dalla durata dell'occupazione.",
      contatti: CONTATTI('Ufficio Tributi'),
    },
  },
  {
    slug: 'pagare-tributi-imu',
    name: 'Pagare tributi IMU',
    category: 'tributi-finanze-e-contravvenzioni',
    group: 'pagamenti',
    offices: ['Ufficio Tributi'],
    minAuthLevel: 2,
    maxResponseDays: 10,
    scheda: {
      descrizione_breve:
        "Il servizio permette di calcolare e pagare l'IMU (Imposta Municipale Propria).",
      a_chi_e_rivolto:
        "Ai proprietari e ai titolari di diritti reali su immobili nel territorio comunale, esclusa l'abitazione principale.",
      descrizione:
        "Calcola l'imposta dovuta per ciascun immobile con le aliquote deliberate dal Comune e paga l'acconto o il saldo online.",
      come_fare:
        'Accedi con SPID o CIE, inserisci i dati catastali degli immobili, verifica il calcolo e paga.',
      cosa_serve: 'SPID o CIE e i dati catastali (rendita, categoria, quota di possesso).',
      cosa_si_ottiene: "Il calcolo dell'imposta e la ricevuta del pagamento.",
      tempi_e_scadenze: 'Acconto entro il 16 giugno, saldo entro il 16 dicembre.',
      costi: "L'importo è quello dell'imposta calcolata.",
      contatti: CONTATTI('Ufficio Tributi'),
    },
  },
  {
    slug: 'pagare-canone-lampade-votive',
    name: 'Pagare il canone per le lampade votive',
    category: 'tributi-finanze-e-contravvenzioni',
    group: 'pagamenti',
    offices: ['Ufficio Tributi'],
    minAuthLevel: 2,
    maxResponseDays: 10,
    scheda: {
      descrizione_breve: "Il servizio permette di pagare il canone per l'illuminazione votiva.",
      a_chi_e_rivolto: 'Ai titolari di un contratto di illuminazione votiva nei cimiteri comunali.',
      descrizione: "Paga online il canone annuale per l'illuminazione votiva delle sepolture.",
      come_fare: "Accedi con SPID o CIE, indica il numero di contratto e paga l'importo dell'anno.",
      cosa_serve: 'SPID o CIE e il numero di contratto.',
      cosa_si_ottiene: 'La ricevuta del pagamento.',
      tempi_e_scadenze: 'Entro il 30 aprile di ogni anno.',
      costi: 'Canone annuale di 18,00 euro per ogni lampada.',
      contatti: CONTATTI('Ufficio Tributi'),
    },
  },
  {
    slug: 'domanda-agevolazione-tributaria-imu',
    name: 'Domanda di agevolazione tributaria (IMU)',
    category: 'tributi-finanze-e-contravvenzioni',
    offices: ['Ufficio Tributi'],
    minAuthLevel: 2,
    maxResponseDays: 60,
    scheda: {
      descrizione_breve:
        "Il servizio permette di richiedere un'agevolazione sul pagamento del tributo comunale IMU.",
      a_chi_e_rivolto:
        'A chi ha un immobile concesso in comodato a un parente, locato a canone concordato o inagibile, e negli altri casi previsti dal regolamento comunale.',
      descrizione:
        "Chiedi l'applicazione dell'aliquota ridotta o della riduzione della base imponibile prevista dal regolamento IMU.",
      come_fare:
        "Accedi con SPID o CIE, scegli il tipo di agevolazione, indica l'immobile e allega i documenti che la giustificano.",
      cosa_serve:
        'SPID o CIE; il contratto di comodato o di locazione registrato, oppure la perizia di inagibilità.',
      cosa_si_ottiene: "Il riconoscimento dell'agevolazione dall'anno d'imposta indicato.",
      tempi_e_scadenze: "L'ufficio risponde entro 60 giorni.",
      costi: COSTI_NESSUNO,
      contatti: CONTATTI('Ufficio Tributi'),
    },
  },
  {
    slug: 'richiesta-modifica-temporanea-viabilita',
    name: 'Richiesta di modifica temporanea della viabilità con consegna della segnaletica',
    category: 'mobilita-e-trasporti',
    offices: ['Ufficio Mobilità'],
    minAuthLevel: 2,
    maxResponseDays: 15,
    scheda: {
      descrizione_breve:
        'Il servizio permette di richiedere al Comune la modifica temporanea della viabilità.',
      a_chi_e_rivolto:
        'A imprese e cittadini che devono chiudere o limitare temporaneamente una strada per lavori, traslochi o eventi.',
      descrizione:
        "Chiedi un'ordinanza di modifica temporanea della circolazione (divieto di sosta, senso unico alternato, chiusura) e la consegna dei cartelli stradali necessari.",
      come_fare:
        'Accedi con SPID o CIE, indica il tratto di strada, le date e gli orari, il tipo di limitazione e quanti cartelli ti servono.',
      cosa_serve: 'SPID o CIE e una planimetria del tratto interessato.',
      cosa_si_ottiene:
        "L'ordinanza di modifica della viabilità e i cartelli da ritirare presso l'Ufficio Mobilità.",
      tempi_e_scadenze:
        'La richiesta va presentata almeno 15 giorni prima della data della modifica.',
      costi: 'Una marca da bollo da 16,00 euro e il deposito cauzionale per i cartelli.',
      contatti: CONTATTI('Ufficio Mobilità'),
    },
  },
  {
    slug: 'permesso-passo-carrabile',
    name: 'Permesso per passo carrabile',
    category: 'autorizzazioni',
    offices: ['Ufficio Tecnico'],
    minAuthLevel: 2,
    maxResponseDays: 30,
    scheda: {
      descrizione_breve:
        "Il servizio permette di richiedere l'autorizzazione per un passo carrabile e il relativo cartello.",
      a_chi_e_rivolto:
        'Ai proprietari o ai titolari di diritti su un immobile con accesso carrabile dalla strada comunale.',
      descrizione:
        "Il passo carrabile vieta la sosta davanti al tuo accesso. Con questo servizio chiedi l'autorizzazione e il cartello numerato.",
      come_fare:
        "Accedi con SPID o CIE, indica l'indirizzo dell'accesso, la larghezza e allega la documentazione fotografica.",
      cosa_serve: "SPID o CIE, una fotografia dell'accesso e una planimetria.",
      cosa_si_ottiene: "L'autorizzazione al passo carrabile e il cartello segnaletico.",
      tempi_e_scadenze: "L'ufficio risponde entro 30 giorni.",
      costi: 'Una marca da bollo da 16,00 euro e il costo del cartello.',
      contatti: CONTATTI('Ufficio Tecnico'),
    },
  },
  {
    slug: 'richiesta-accesso-atti',
    name: 'Richiesta di accesso agli atti',
    category: 'autorizzazioni',
    offices: ['Ufficio Segreteria', 'Ufficio Urp'],
    minAuthLevel: 2,
    maxResponseDays: 30,
    scheda: {
      descrizione_breve:
        'Il servizio permette di chiedere di vedere o di avere copia dei documenti amministrativi del Comune.',
      a_chi_e_rivolto:
        'A chiunque abbia un interesse diretto, concreto e attuale collegato al documento richiesto.',
      descrizione:
        "L'accesso documentale (legge 241/1990) permette di prendere visione o di ottenere copia di atti e documenti del Comune.",
      come_fare:
        'Accedi con SPID o CIE, indica gli atti che vuoi consultare, il motivo della richiesta e se vuoi una copia.',
      cosa_serve: 'SPID o CIE e gli estremi degli atti richiesti, se li conosci.',
      cosa_si_ottiene: 'La visione degli atti o la loro copia, semplice o conforme.',
      tempi_e_scadenze: 'Il Comune risponde entro 30 giorni dalla richiesta.',
      costi:
        'La visione è gratuita; le copie hanno un costo di riproduzione, le copie conformi una marca da bollo.',
      contatti: CONTATTI('Ufficio Segreteria'),
    },
  },
  {
    slug: 'domanda-partecipazione-concorso-pubblico',
    name: 'Domanda di partecipazione ad un concorso pubblico',
    category: 'vita-lavorativa',
    offices: ['Ufficio Personale'],
    minAuthLevel: 2,
    maxResponseDays: 90,
    scheda: {
      descrizione_breve:
        'Il servizio permette di presentare la domanda di partecipazione a un concorso bandito dal Comune.',
      a_chi_e_rivolto: 'A chi possiede i requisiti indicati nel bando di concorso.',
      descrizione:
        'Presenta online la domanda per i concorsi e le selezioni pubbliche del Comune, allegando il curriculum e i titoli.',
      come_fare:
        'Accedi con SPID o CIE, scegli il concorso, compila i dati richiesti dal bando e allega i documenti.',
      cosa_serve:
        'SPID o CIE, il curriculum vitae e la ricevuta del versamento della tassa di concorso.',
      cosa_si_ottiene: "L'ammissione alle prove, comunicata nella tua area personale.",
      tempi_e_scadenze: 'Le domande si presentano entro la scadenza indicata nel bando.',
      costi: 'La tassa di concorso indicata nel bando.',
      contatti: CONTATTI('Ufficio Personale'),
    },
  },
  {
    slug: 'richiesta-occupazione-suolo-pubblico',
    name: 'Richiesta permesso di occupazione suolo pubblico',
    category: 'autorizzazioni',
    offices: ['Ufficio Tecnico'],
    minAuthLevel: 2,
    maxResponseDays: 30,
    scheda: {
      descrizione_breve:
        'Il servizio permette di chiedere la concessione per occupare temporaneamente o stabilmente il suolo pubblico.',
      a_chi_e_rivolto:
        'A cittadini, imprese e associazioni che vogliono occupare suolo pubblico per dehors, cantieri, banchetti o eventi.',
      descrizione:
        "La concessione di suolo pubblico autorizza l'occupazione di strade, piazze e marciapiedi per il periodo e la superficie indicati.",
      come_fare:
        "Accedi con SPID o CIE, indica luogo, superficie, periodo e motivo dell'occupazione e allega una planimetria.",
      cosa_serve: "SPID o CIE e una planimetria dell'area da occupare.",
      cosa_si_ottiene: 'La concessione di occupazione di suolo pubblico.',
      tempi_e_scadenze: "La richiesta va presentata almeno 30 giorni prima dell'occupazione.",
      costi: 'Una marca da bollo da 16,00 euro e il Canone Unico Patrimoniale.',
      contatti: CONTATTI('Ufficio Tecnico'),
    },
  },
  {
    slug: 'segnalare-disservizio',
    name: 'Segnalare disservizio',
    category: 'ambiente',
    offices: ['Ufficio Urp'],
    minAuthLevel: 0,
    maxResponseDays: 30,
    scheda: {
      descrizione_breve:
        "Il servizio permette di segnalare un disservizio all'Amministrazione comunale.",
      a_chi_e_rivolto:
        'A tutti i cittadini che vogliono segnalare un disservizio nel territorio del Comune.',
      descrizione:
        "Segnala buche, lampioni spenti, rifiuti abbandonati e ogni altro disservizio: l'ufficio competente prende in carico la segnalazione e ti informa sull'esito.",
      come_fare:
        'Indica il luogo del disservizio, descrivilo e allega eventuali fotografie. Puoi inviare la segnalazione anche senza accedere con SPID o CIE.',
      cosa_serve: 'Il luogo e una descrizione del problema; facoltative le fotografie.',
      cosa_si_ottiene:
        'La presa in carico della segnalazione e la comunicazione della sua risoluzione.',
      tempi_e_scadenze:
        'Il Comune interviene nel minor tempo possibile e risponde entro 30 giorni.',
      costi: COSTI_NESSUNO,
      contatti: CONTATTI('Ufficio Urp'),
    },
  },
  {
    slug: 'prenotazione-sala-pubblica',
    name: 'Prenotazione di una sala pubblica',
    category: 'cultura-e-tempo-libero',
    offices: ['Ufficio Segreteria'],
    minAuthLevel: 2,
    maxResponseDays: 15,
    scheda: {
      descrizione_breve:
        'Il servizio permette di prenotare una sala comunale per riunioni, eventi e iniziative.',
      a_chi_e_rivolto:
        'Ad associazioni, enti, gruppi e cittadini che organizzano iniziative aperte al pubblico.',
      descrizione:
        "Le sale comunali si possono prenotare per incontri, conferenze, mostre e corsi, secondo il regolamento per l'uso delle sale.",
      come_fare:
        "Accedi con SPID o CIE, scegli la sala, la data e l'orario e descrivi l'iniziativa.",
      cosa_serve: "SPID o CIE e la descrizione dell'iniziativa.",
      cosa_si_ottiene: 'La concessione della sala per la data richiesta.',
      tempi_e_scadenze: "La richiesta va presentata almeno 15 giorni prima dell'iniziativa.",
      costi:
        "La tariffa d'uso della sala prevista dal regolamento; gratuita per le iniziative patrocinate dal Comune.",
      contatti: CONTATTI('Ufficio Segreteria'),
    },
  },
]

export const BUGLIANO_OFFICES = [
  'Ufficio Anagrafe',
  'Ufficio Demografico',
  'Ufficio Tributi',
  'Ufficio Mobilità',
  'Ufficio Tecnico',
  'Ufficio Segreteria',
  'Ufficio Politiche sociali',
  'Ufficio Istruzione',
  'Ufficio Personale',
  'Ufficio Urp',
]
