/**
 * The schema.org description of a service page, as the Designers Italia
 * municipal model asks for its service pages: a GovernmentService run by
 * the ente, with its category, area, audience, online channel (with its
 * languages) and offices, and its terms. Only what the platform knows is
 * said; empty properties are left out.
 */
export interface StructuredServiceInput {
  name: string
  description: string
  url: string
  category: string | null
  audience: string
  /** the online door, null when the service accepts nothing now */
  onlineUrl: string | null
  languages: Array<{ code: string; name: string }>
  termsUrl: string | null
  /** the longest wait for an answer, as ISO 8601 duration on the online channel */
  maxResponseDays: number | null
  areas: string[]
  ente: {
    name: string
    url: string
    email: string | null
    phone: string | null
    address: string | null
  }
  offices: Array<{
    name: string
    streetAddress: string | null
    postalCode: string | null
    locality: string | null
    email: string | null
    phone: string | null
  }>
}

type Json = Record<string, unknown>

/** Drops empty strings, nulls and empty lists, so the data says only what is known. */
function compact(value: Json): Json {
  return Object.fromEntries(
    Object.entries(value).filter(
      ([, inner]) =>
        inner !== null &&
        inner !== undefined &&
        inner !== '' &&
        !(Array.isArray(inner) && inner.length === 0)
    )
  )
}

export function serviceStructuredData(input: StructuredServiceInput): Json {
  const organization = compact({
    '@type': 'GovernmentOrganization',
    'name': input.ente.name,
    'url': input.ente.url,
    'email': input.ente.email,
    'telephone': input.ente.phone,
    'address': input.ente.address,
  })
  const languages = input.languages.map((language) => ({
    '@type': 'Language',
    'name': language.name,
    'alternateName': language.code,
  }))
  const channels: Json[] = []
  if (input.onlineUrl) {
    channels.push(
      compact({
        '@type': 'ServiceChannel',
        'name': 'Accedi al servizio online',
        'serviceUrl': input.onlineUrl,
        'availableLanguage': languages,
        'processingTime': input.maxResponseDays ? `P${input.maxResponseDays}D` : null,
      })
    )
  }
  for (const office of input.offices) {
    channels.push(
      compact({
        '@type': 'ServiceChannel',
        'name': office.name,
        'availableLanguage': languages,
        'serviceLocation': compact({
          '@type': 'Place',
          'name': office.name,
          'address': compact({
            '@type': 'PostalAddress',
            'streetAddress': office.streetAddress,
            'postalCode': office.postalCode,
            'addressLocality': office.locality,
            'addressCountry': 'IT',
          }),
        }),
        'servicePhone': office.phone
          ? compact({ '@type': 'ContactPoint', 'telephone': office.phone, 'email': office.email })
          : null,
      })
    )
  }
  return compact({
    '@context': 'https://schema.org',
    '@type': 'GovernmentService',
    'name': input.name,
    'description': input.description,
    'url': input.url,
    'serviceType': input.category,
    'category': input.category,
    'provider': organization,
    'serviceOperator': organization,
    'areaServed': input.areas.length
      ? input.areas.map((name) => ({ '@type': 'AdministrativeArea', name }))
      : { '@type': 'AdministrativeArea', 'name': input.ente.name },
    'audience': input.audience ? { '@type': 'Audience', 'audienceType': input.audience } : null,
    'availableChannel': channels,
    'termsOfService': input.termsUrl,
  })
}

/** JSON for a <script type="application/ld+json">: "<" escaped, so no "</script>" can close it. */
export function jsonLdText(data: Json): string {
  return JSON.stringify(data).replace(/</g, '\\u003c')
}
