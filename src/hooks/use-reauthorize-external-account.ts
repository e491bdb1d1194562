'use client'
import type { ExternalAccount, ReauthorizeExternalAccountParams } from '../api/index.ts'
import { type UserkitMutation, useUserkitMutation } from './use-userkit-mutation.ts'

/**
 * Asks the provider again for a connected account, with more scopes or fresh tokens:
 * `mutateAsync({ id, redirectUrl, additionalScopes: ['repo'] })`. Send the browser to the answer's
 * `verification.externalVerificationRedirectUrl`; another user's account is a 404 `error`.
 */
export function useReauthorizeExternalAccount(): UserkitMutation<ExternalAccount, ReauthorizeExternalAccountParams> {
  return useUserkitMutation('useReauthorizeExternalAccount', (client, params: ReauthorizeExternalAccountParams) =>
    client.reauthorizeExternalAccount(params),
  )
}
