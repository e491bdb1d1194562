import type { DomainContext } from '../domain.ts'
import { notFound } from '../errors.ts'

/** Banning and deleting users. */
export function lifecycleDomain(ctx: DomainContext) {
  return {
    /** Bans (revoking every active session at once) or unbans a user. */
    async setBanned(userId: string, banned: boolean): Promise<void> {
      await ctx.write(async (tx) => {
        if (!(await tx.users.setBanned(userId, banned))) throw notFound('user')
        if (banned) for (const session of await tx.sessions.revokeForUser(userId)) tx.changed('session.revoked', session.id)
        tx.changed('user.updated', userId)
      })
    },

    /**
     * Deletes a user and everything of theirs: sessions (their clients stay, signed out),
     * identifications (freed for others at once), connected accounts and the profile image's bytes.
     */
    async delete(userId: string): Promise<void> {
      await ctx.write(async (tx) => {
        const deleted = await tx.users.delete(userId)
        if (!deleted) throw notFound('user')
        if (deleted.imageId) await tx.blobs.delete(deleted.imageId)
        tx.changed('user.deleted', userId)
      })
    },
  }
}
