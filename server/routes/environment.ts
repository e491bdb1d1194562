import type { Hono } from 'hono'
import type { EnvironmentJSON } from '../../src/api/wire.ts'
import type { ServerDeps } from '../context.ts'
import { sendJson } from '../http.ts'
import { IMAGE_TYPES, MAX_IMAGE_BYTES } from '../images.ts'
import { USERNAME } from '../validate.ts'

/** Password length rules (enforced by the Backend API and later password changes). */
export const PASSWORD = { minLength: 8, maxLength: 72 } as const

/** The public settings the kit reads once. */
export function environmentJSON(deps: ServerDeps): EnvironmentJSON {
  return {
    object: 'environment',
    user_settings: {
      attributes: {
        email_address: { enabled: true, required: false, used_for_first_factor: true, verifications: ['email_code'] },
        // Phone numbers arrive with issue 3.
        phone_number: { enabled: false, required: false, used_for_first_factor: false, verifications: [] },
        username: { enabled: true, required: false, used_for_first_factor: true },
        first_name: { enabled: true, required: false },
        last_name: { enabled: true, required: false },
        password: { enabled: true, required: true },
      },
      username_settings: { min_length: USERNAME.minLength, max_length: USERNAME.maxLength },
      password_settings: { min_length: PASSWORD.minLength, max_length: PASSWORD.maxLength },
      profile_image: { max_bytes: MAX_IMAGE_BYTES, content_types: [...IMAGE_TYPES] },
      social: [],
      default_phone_country: 'US',
    },
    display_config: { application_name: deps.options.applicationName, development: deps.options.env === 'development' },
  }
}

/** `GET /v1/environment`: public, no session needed. */
export function environmentRoutes(app: Hono, deps: ServerDeps): void {
  app.get('/v1/environment', (c) => sendJson(c, environmentJSON(deps)))
}
