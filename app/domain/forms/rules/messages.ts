/** The engine's error messages, in the manual's Italian ("Campo richiesto"). */
export const MESSAGES = {
  required: 'Campo richiesto',
  requiredCheckbox: 'Campo richiesto: spunta la casella per proseguire',
  requiredFile: 'Campo richiesto: allega almeno un file',
  email: 'Inserisci un indirizzo email valido, ad esempio nome@esempio.it',
  phone: 'Inserisci un numero di telefono valido, ad esempio +39 333 1234567',
  number: 'Inserisci un numero, ad esempio 12 oppure 12,5',
  currency: 'Inserisci un importo in euro, ad esempio 12,50',
  date: 'Inserisci una data valida nel formato gg/mm/aaaa, ad esempio 20/02/1980',
  pattern: 'Il valore non è nel formato richiesto',
  mask: (mask: string) =>
    `Il valore non è nel formato richiesto (${mask.replace(/9/g, '0').replace(/A/g, 'X')}: 0 una cifra, X una lettera)`,
  minLength: (length: number) => `Inserisci almeno ${length} caratteri`,
  maxLength: (length: number) => `Inserisci al massimo ${length} caratteri`,
  minWords: (count: number) => `Inserisci almeno ${count} parole`,
  maxWords: (count: number) => `Inserisci al massimo ${count} parole`,
  min: (value: string) => `Il valore non può essere inferiore a ${value}`,
  max: (value: string) => `Il valore non può essere superiore a ${value}`,
  minDate: (date: string) => `La data non può essere precedente al ${date}`,
  maxDate: (date: string) => `La data non può essere successiva al ${date}`,
  codiceFiscale:
    'Il codice fiscale non è valido: controlla di averlo scritto per intero e senza errori',
  partitaIva:
    'La partita IVA non è valida: servono 11 cifre, controlla di averle scritte senza errori',
  option: "Scegli una delle opzioni dell'elenco",
  custom: 'Il valore non è valido',
  minRows: (count: number) => `Aggiungi almeno ${count} ${count === 1 ? 'riga' : 'righe'}`,
  maxRows: (count: number) => `Puoi aggiungere al massimo ${count} righe`,
  multipleFiles: 'Puoi allegare un solo file',
} as const
