import { DateTime } from 'luxon'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, beforeCreate, column } from '@adonisjs/lucid/orm'
import { jsonColumn } from '#models/mixins/json_column'
import { TenantOwned } from '#models/mixins/tenant_owned'

/**
 * Where the citizen's identity fields came from: an identity provider
 * (the values of the identity contract's source, 'cps/cns' as 'cns'), an
 * operator, or a login-free submission.
 */
export type IdentitySource = 'spid' | 'cie' | 'cns' | 'test' | 'operator' | 'anonymous'

export type Gender = 'M' | 'F'

/** The parts of an address, as OpenCity keys them (address, house_number, ...). */
export const ADDRESS_PARTS = [
  'address',
  'houseNumber',
  'municipality',
  'postalCode',
  'county',
  'country',
] as const
export type AddressPart = (typeof ADDRESS_PARTS)[number]
export type AddressKind = 'residence' | 'domicile'

/** Attributes an identity provider can assert, and so lock. */
export const IDENTITY_FIELDS = [
  'fiscalCode',
  'firstName',
  'lastName',
  'gender',
  'birthDate',
  'birthPlace',
  'birthCounty',
  'birthCountry',
  ...ADDRESS_PARTS.map((part) => addressField('domicile', part)),
] as const
export type IdentityField = (typeof IDENTITY_FIELDS)[number]

/** The model attribute of one part of an address: residenceAddress, domicilePostalCode... */
export function addressField<K extends AddressKind, P extends AddressPart>(kind: K, part: P) {
  return `${kind}${part[0].toUpperCase()}${part.slice(1)}` as `${K}${Capitalize<P>}`
}

/**
 * A person using the ente's services: one per (ente, codice fiscale),
 * however they first appeared. The fields an identity provider asserted are
 * listed in `lockedFields`: the citizen sees them but cannot change them,
 * and every login writes them again.
 */
export default class Citizen extends compose(BaseModel, TenantOwned) {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare fiscalCode: string

  @column()
  declare firstName: string

  @column()
  declare lastName: string

  @column()
  declare gender: Gender | null

  @column.date()
  declare birthDate: DateTime | null

  @column()
  declare birthPlace: string | null

  /** the province (sigla) of the place of birth */
  @column()
  declare birthCounty: string | null

  @column()
  declare birthCountry: string | null

  @column()
  declare email: string | null

  @column()
  declare mobilePhone: string | null

  @column()
  declare phone: string | null

  @column()
  declare residenceAddress: string | null

  @column()
  declare residenceHouseNumber: string | null

  @column()
  declare residenceMunicipality: string | null

  @column()
  declare residencePostalCode: string | null

  @column()
  declare residenceCounty: string | null

  @column()
  declare residenceCountry: string | null

  @column()
  declare domicileAddress: string | null

  @column()
  declare domicileHouseNumber: string | null

  @column()
  declare domicileMunicipality: string | null

  @column()
  declare domicilePostalCode: string | null

  @column()
  declare domicileCounty: string | null

  @column()
  declare domicileCountry: string | null

  /** carta d'identità, passaporto, ... (see ID_DOCUMENT_TYPES in the profile validator) */
  @column()
  declare idDocumentType: string | null

  @column()
  declare idDocumentNumber: string | null

  /** who issued it, e.g. "Comune di Bugliano" */
  @column()
  declare idDocumentAuthority: string | null

  @column.date()
  declare idDocumentIssuedOn: DateTime | null

  @column.date()
  declare idDocumentExpiresOn: DateTime | null

  @column()
  declare identitySource: IdentitySource

  @jsonColumn()
  declare lockedFields: IdentityField[]

  /** the IdP that last asserted the locked fields (SAML entity id or the plugin's id for it) */
  @column()
  declare identityProvider: string | null

  /** when an identity provider last asserted the locked fields */
  @column.dateTime()
  declare identityVerifiedAt: DateTime | null

  @column.dateTime()
  declare lastLoginAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @beforeCreate()
  static startUnlocked(citizen: Citizen) {
    citizen.lockedFields ??= []
  }

  get fullName() {
    return `${this.firstName} ${this.lastName}`
  }

  isLocked(field: string) {
    return (this.lockedFields ?? []).includes(field as IdentityField)
  }
}
