/**
 * The people the development IdP can authenticate: invented, with codici
 * fiscali whose check character is right (tests/citizens.spec.ts checks
 * them), so the platform accepts them as it would real ones.
 */
export interface TestCitizen {
  fiscalNumber: string
  name: string
  familyName: string
  dateOfBirth: string
  /** codice catastale of the municipality of birth */
  placeOfBirth: string
  birthPlaceLabel: string
  email: string
  mobilePhone: string
  address: string
}

export const TEST_CITIZENS: TestCitizen[] = [
  {
    fiscalNumber: 'BRTLNZ85C12G702U',
    name: 'Lorenzo',
    familyName: 'Bertoli',
    dateOfBirth: '1985-03-12',
    placeOfBirth: 'G702',
    birthPlaceLabel: 'Pisa',
    email: 'lorenzo.bertoli@example.it',
    mobilePhone: '+393331112233',
    address: 'Via Santa Maria 10 56126 Pisa PI',
  },
  {
    fiscalNumber: 'RSSMRA80A01H501U',
    name: 'Mario',
    familyName: 'Rossi',
    dateOfBirth: '1980-01-01',
    placeOfBirth: 'H501',
    birthPlaceLabel: 'Roma',
    email: 'mario.rossi@example.it',
    mobilePhone: '+393334445566',
    address: 'Via del Corso 1 00186 Roma RM',
  },
  {
    fiscalNumber: 'VRDGLI90L65F205P',
    name: 'Giulia',
    familyName: 'Verdi',
    dateOfBirth: '1990-07-25',
    placeOfBirth: 'F205',
    birthPlaceLabel: 'Milano',
    email: 'giulia.verdi@example.it',
    mobilePhone: '+393337778899',
    address: 'Corso Buenos Aires 20 20124 Milano MI',
  },
  {
    fiscalNumber: 'BNCNNA75S43D612Q',
    name: 'Anna',
    familyName: 'Bianchi',
    dateOfBirth: '1975-11-03',
    placeOfBirth: 'D612',
    birthPlaceLabel: 'Firenze',
    email: 'anna.bianchi@example.it',
    mobilePhone: '+393339990011',
    address: 'Via dei Calzaiuoli 5 50122 Firenze FI',
  },
  {
    fiscalNumber: 'SPSGPP62E18F839B',
    name: 'Giuseppe',
    familyName: 'Esposito',
    dateOfBirth: '1962-05-18',
    placeOfBirth: 'F839',
    birthPlaceLabel: 'Napoli',
    email: 'giuseppe.esposito@example.it',
    mobilePhone: '+393332223344',
    address: 'Via Toledo 100 80134 Napoli NA',
  },
]
