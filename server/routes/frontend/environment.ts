import { Hono } from 'hono'
import type { EnvironmentJSON } from '../../../src/wire/index.ts'
import { sendJson } from '../../http.ts'
import { IMAGE_TYPES, MAX_IMAGE_BYTES } from '../../images.ts'
import { PASSWORD, USERNAME } from '../../users/rules.ts'
import { emailStrategies, phoneStrategies } from '../../verification/delivery.ts'
import type { RouteDeps } from '../env.ts'

/** The public settings the kit reads once. */
export async function environmentJSON(deps: RouteDeps): Promise<EnvironmentJSON> {
  const { options } = deps
  const { tokens } = deps.domain
  return {
    object: 'environment',
    auth_config: {
      publishable_key: tokens.publishableKey,
      cookie_suffix: await tokens.cookieSuffix,
      session_token_lifetime: options.sessionToken.lifetimeSeconds,
    },
    user_settings: {
      attributes: {
        email_address: { enabled: true, required: false, used_for_first_factor: true, verifications: emailStrategies(options) },
        // Phones are on when the server can send SMS (always in development: the dev outbox).
        phone_number: {
          enabled: phoneStrategies(options).length > 0,
          required: false,
          used_for_first_factor: false,
          verifications: phoneStrategies(options),
        },
        username: { enabled: true, required: false, used_for_first_factor: true },
        first_name: { enabled: true, required: false },
        last_name: { enabled: true, required: false },
        password: { enabled: true, required: true },
      },
      username_settings: { min_length: USERNAME.minLength, max_length: USERNAME.maxLength },
      password_settings: { min_length: PASSWORD.minLength, max_length: PASSWORD.maxLength },
      profile_image: { max_bytes: MAX_IMAGE_BYTES, content_types: [...IMAGE_TYPES] },
      social: deps.domain.oauth.providers.map((p) => ({ strategy: `oauth_${p.key}`, key: p.key, name: p.name })),
      default_phone_country: options.defaultPhoneCountry,
    },
    display_config: { application_name: options.applicationName, development: options.env === 'development' },
  }
}

/** `GET /v1/environment`: public, no session needed. */
export function environmentRoutes(deps: RouteDeps) {
  return new Hono().get('/', async (c) => sendJson(c, await environmentJSON(deps)))
}
