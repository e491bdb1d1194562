import type { QueryClient } from '@tanstack/react-query'
import { activeSession } from '../api/parse.ts'
import type { Client, User } from '../api/types.ts'
import { userkitKeys } from './keys.ts'

/**
 * Writes the client a mutation answered with. An in-flight refetch is cancelled first: it was
 * sent before the change and would overwrite it with the old state.
 */
export async function writeClient(queryClient: QueryClient, client: Client | null): Promise<void> {
  await queryClient.cancelQueries({ queryKey: userkitKeys.client })
  queryClient.setQueryData(userkitKeys.client, client)
}

/**
 * Forgets everything the kit knew about the user. The client query is set to `null` rather than
 * removed: mounted observers keep a removed query and would go on showing the old user.
 * The environment is public and stays.
 */
export async function clearUserkitCache(queryClient: QueryClient): Promise<void> {
  await writeClient(queryClient, null)
  queryClient.removeQueries({
    queryKey: userkitKeys.all,
    predicate: (query) => query.queryKey[1] !== 'client' && query.queryKey[1] !== 'environment',
  })
}

/** A copy of `client` whose signed-in user went through `update` (for optimistic changes). */
export function withActiveUser(client: Client, update: (user: User) => User): Client {
  const session = activeSession(client)
  if (!session?.user) return client
  const user = update(session.user)
  return { ...client, sessions: client.sessions.map((s) => (s === session ? { ...s, user } : s)) }
}
