import type { Hono } from 'hono'
import type { ServerDeps } from '../context.ts'
import { ApiError } from '../errors.ts'
import { toE164 } from '../phone.ts'
import { phoneNumberJSON } from '../serialize.ts'
import { canSend } from '../verification/delivery.ts'
import { identificationRoutes } from './identification-routes.ts'

/**
 * The signed-in user's phone numbers, stored in E.164: `GET`/`POST /v1/me/phone_numbers`,
 * `GET`/`DELETE …/{id}`, `POST …/{id}/prepare_verification` (`phone_code`) and
 * `POST …/{id}/attempt_verification` (`code`). Removing the primary number unsets the primary.
 * Phone numbers are off (403 `feature_not_enabled`) on a production server that cannot send SMS.
 */
export function phoneNumberRoutes(app: Hono, deps: ServerDeps): void {
  identificationRoutes(app, deps, {
    type: 'phone_number',
    path: '/v1/me/phone_numbers',
    param: 'phone_number',
    noun: 'phone number',
    strategies: ['phone_code'],
    normalize: (value) => toE164(value, deps.options.defaultPhoneCountry),
    checkAvailable() {
      if (!canSend(deps.options, 'sms')) {
        throw new ApiError(403, 'feature_not_enabled', 'Phone numbers are not enabled.', {
          longMessage: 'This server cannot send SMS, so phone numbers cannot be added.',
        })
      }
    },
    serialize: phoneNumberJSON,
  })
}
