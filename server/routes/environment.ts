import type { Hono } from 'hono'
import type { EnvironmentJSON } from '../../src/api/wire.ts'
import type { ServerDeps } from '../context.ts'
import { oauthProvidersJSON } from './external-accounts.ts'
import { sendJson } from '../http.ts'
import { IMAGE_TYPES, MAX_IMAGE_BYTES } from '../images.ts'
import { USERNAME } from '../validate.ts'
import { emailStrategies, phoneStrategies } from '../verification/delivery.ts'

/** Password length rules (enforced by the Backend API and later password changes). */
export const PASSWORD = { minLength: 8, maxLength: 72 } as const

/** The public settings the kit reads once. */
export function environmentJSON(deps: ServerDeps): EnvironmentJSON {
  return {
    object: 'environment',
    user_settings: {
      attributes: {
        email_address: { enabled: true, required: false, used_for_first_factor: true, verifications: emailStrategies(deps.options) },
        // Phones are on when the server can send SMS (always in development: the dev outbox).
        phone_number: {
          enabled: phoneStrategies(deps.options).length > 0,
          required: false,
          used_for_first_factor: false,
          verifications: phoneStrategies(deps.options),
        },
        username: { enabled: true, required: false, used_for_first_factor: true },
        first_name: { enabled: true, required: false },
        last_name: { enabled: true, required: false },
        password: { enabled: true, required: true },
      },
      username_settings: { min_length: USERNAME.minLength, max_length: USERNAME.maxLength },
      password_settings: { min_length: PASSWORD.minLength, max_length: PASSWORD.maxLength },
      profile_image: { max_bytes: MAX_IMAGE_BYTES, content_types: [...IMAGE_TYPES] },
      social: oauthProvidersJSON(deps),
      default_phone_country: deps.options.defaultPhoneCountry,
    },
    display_config: { application_name: deps.options.applicationName, development: deps.options.env === 'development' },
  }
}

/** `GET /v1/environment`: public, no session needed. */
export function environmentRoutes(app: Hono, deps: ServerDeps): void {
  app.get('/v1/environment', (c) => sendJson(c, environmentJSON(deps)))
}
