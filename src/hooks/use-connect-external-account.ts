'use client'
import type { ConnectExternalAccountParams, ExternalAccount } from '../api/index.ts'
import { type UserkitMutation, useUserkitMutation } from './use-userkit-mutation.ts'

/**
 * Starts connecting a provider account: `mutateAsync({ strategy: 'oauth_github', redirectUrl })`.
 * The answer's `verification.externalVerificationRedirectUrl` is where to send the browser; the
 * account appears in useUser() once the provider sends the browser back. Errors are `error` (422
 * with `meta.paramName` for a bad strategy or redirect URL).
 */
export function useConnectExternalAccount(): UserkitMutation<ExternalAccount, ConnectExternalAccountParams> {
  return useUserkitMutation('useConnectExternalAccount', (client, params: ConnectExternalAccountParams) =>
    client.createExternalAccount(params),
  )
}
