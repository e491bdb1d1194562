import type { Hono } from 'hono'
import { z } from 'zod'
import { envelope, requireSignedIn, unchangedEnvelope } from '../auth/session.ts'
import type { ServerDeps } from '../context.ts'
import { ApiError } from '../errors.ts'
import { requestOrigin } from '../http.ts'
import { userJSON } from '../serialize.ts'
import { isUniqueViolation } from '../storage/database.ts'
import { applyPrimaryChanges, checkPrimaryChanges, PRIMARY_FIELDS } from './primary-identifiers.ts'
import type { UserPatch } from '../storage/users.ts'
import { checkUsername, NAME_MAX_LENGTH, readJson, USERNAME } from '../validate.ts'

const Name = z.string().max(NAME_MAX_LENGTH).nullable().optional()

const PatchMeBody = z.strictObject({
  first_name: Name,
  last_name: Name,
  // The real length and character rules are checked by checkUsername, for Clerk's specific codes.
  username: z.string().max(USERNAME.maxLength * 4).nullable().optional(),
  ...PRIMARY_FIELDS,
})

/** Empty or blank clears a name, like `null`. */
const cleanName = (value: string | null | undefined) => (value === undefined ? undefined : value?.trim() || null)

/** The signed-in user: `GET /v1/me`, `PATCH /v1/me`. */
export function meRoutes(app: Hono, deps: ServerDeps): void {
  app.get('/v1/me', async (c) => {
    const signedIn = await requireSignedIn(c, deps)
    return unchangedEnvelope(c, deps, userJSON({ origin: requestOrigin(c.req.raw) }, signedIn.user), signedIn)
  })

  app.patch('/v1/me', async (c) => {
    const { client, user } = await requireSignedIn(c, deps)
    const body = await readJson(c, PatchMeBody)
    const patch: UserPatch = { firstName: cleanName(body.first_name), lastName: cleanName(body.last_name) }
    if (body.username !== undefined) {
      patch.username = body.username === '' ? null : body.username
      if (patch.username !== null) checkUsername(patch.username)
    }
    // Checked before anything is written: a bad primary id must leave the names unchanged too.
    const primaries = checkPrimaryChanges(user, body)
    try {
      await deps.store.users.update(user.id, patch)
    } catch (error) {
      // The unique index on lower(username) decides, so two concurrent claims cannot both win.
      if (isUniqueViolation(error, 'users_username_key')) {
        throw new ApiError(422, 'form_identifier_exists', 'That username is taken. Please try another.', {
          param: 'username',
        })
      }
      throw error
    }
    await applyPrimaryChanges(deps, user.id, primaries)
    const updated = (await deps.store.users.get(user.id)) ?? user
    return envelope(c, deps, userJSON({ origin: requestOrigin(c.req.raw) }, updated), client.id)
  })
}
