import type { Hono } from 'hono'
import type { ServerDeps } from '../context.ts'
import { ApiError } from '../errors.ts'
import { emailAddressJSON } from '../serialize.ts'
import { isEmailAddress } from '../validate.ts'
import { identificationRoutes } from './identification-routes.ts'

/** 422 for a removal that would leave the user without a primary or without any verified email. */
const cannotRemove = (longMessage: string) =>
  new ApiError(422, 'identification_deletion_failed', 'This email address cannot be removed.', { longMessage })

/**
 * The signed-in user's email addresses: `GET`/`POST /v1/me/email_addresses`, `GET`/`DELETE …/{id}`,
 * `POST …/{id}/prepare_verification` (`email_code` | `email_link` + `redirect_url`) and
 * `POST …/{id}/attempt_verification` (`code`).
 */
export function emailAddressRoutes(app: Hono, deps: ServerDeps): void {
  identificationRoutes(app, deps, {
    type: 'email_address',
    path: '/v1/me/email_addresses',
    param: 'email_address',
    noun: 'email address',
    strategies: ['email_code', 'email_link'],
    normalize(value) {
      const email = value.trim()
      if (!isEmailAddress(email)) {
        throw new ApiError(422, 'form_param_format_invalid', 'is invalid', {
          longMessage: 'email_address must be a valid email address.',
          param: 'email_address',
        })
      }
      return email
    },
    checkRemovable(target, all, primaryId) {
      if (target.id === primaryId) {
        throw cannotRemove('This is your primary email address. Make another verified address primary first.')
      }
      const verified = all.filter((idn) => idn.verificationStatus === 'verified')
      if (target.verificationStatus === 'verified' && verified.length === 1) {
        throw cannotRemove('This is your only verified email address. Verify another one first.')
      }
    },
    serialize: emailAddressJSON,
  })
}
