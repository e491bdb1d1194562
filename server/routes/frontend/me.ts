import { Hono } from 'hono'
import { z } from 'zod'
import { requestOrigin } from '../../http.ts'
import { imageJSON, userJSON } from '../../serialize/frontend.ts'
import { MAX_IMAGE_BYTES } from '../../images.ts'
import { NAME_MAX_LENGTH, USERNAME } from '../../users/rules.ts'
import { type RouteDeps, signedIn, type SignedInEnv } from '../env.ts'
import { readImageUpload } from '../multipart.ts'
import { json, limitBody, NoBody } from '../validate.ts'
import { envelope, unchangedEnvelope } from './envelope.ts'
import { externalAccountRoutes } from './external-accounts.ts'
import { identificationRoutes } from './identifications.ts'

const Name = z.string().max(NAME_MAX_LENGTH).nullable().optional()

const PatchMeBody = z.strictObject({
  first_name: Name,
  last_name: Name,
  // The real length and character rules are checked by the domain, for Clerk's specific codes.
  username: z.string().max(USERNAME.maxLength * 4).nullable().optional(),
  primary_email_address_id: z.string().max(128).nullable().optional(),
  primary_phone_number_id: z.string().max(128).nullable().optional(),
})

/**
 * `/v1/me`: the signed-in user, their profile image, email addresses, phone numbers and connected
 * accounts. Every route here acts on the signed-in user's own resources only.
 */
export function meRoutes(deps: RouteDeps) {
  const { users } = deps.domain
  const origin = (request: Request) => ({ origin: requestOrigin(request) })
  return new Hono<SignedInEnv>()
    .use('*', signedIn(deps))
    .get('/', (c) => unchangedEnvelope(c, deps, userJSON(origin(c.req.raw), c.var.user), c.var))
    .patch('/', json(PatchMeBody), async (c) => {
      const body = c.req.valid('json')
      const { user, client } = c.var
      await users.update(
        user.id,
        {
          firstName: body.first_name,
          lastName: body.last_name,
          username: body.username,
          primaryEmailAddressId: body.primary_email_address_id,
          primaryPhoneNumberId: body.primary_phone_number_id,
        },
        'frontend',
      )
      const updated = (await deps.store.users.get(user.id)) ?? user
      return envelope(c, deps, userJSON(origin(c.req.raw), updated), client.id)
    })
    .post('/profile_image', limitBody(MAX_IMAGE_BYTES + 64 * 1024), async (c) => {
      const image = await users.setImage(c.var.user.id, await readImageUpload(c.req.raw), 'frontend')
      return envelope(c, deps, imageJSON(origin(c.req.raw), image), c.var.client.id)
    })
    .delete('/profile_image', json(NoBody), async (c) => {
      // Removing an absent image is not an error (a double click must not show one).
      const previous = await users.removeImage(c.var.user.id)
      return envelope(c, deps, { object: 'image', id: previous, deleted: true as const }, c.var.client.id)
    })
    .route('/email_addresses', identificationRoutes(deps, 'email_address'))
    .route('/phone_numbers', identificationRoutes(deps, 'phone_number'))
    .route('/external_accounts', externalAccountRoutes(deps))
}
