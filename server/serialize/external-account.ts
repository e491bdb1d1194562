import type { ExternalAccountJSON, VerificationJSON } from '../../src/wire/index.ts'
import type { ExternalAccountRecord } from '../storage/external-accounts.ts'

/** Texts for the provider errors an account may carry (`verification.error`). */
const ACCOUNT_ERRORS: Record<string, string> = {
  external_account_token_invalid: 'The provider no longer accepts this connection. Reconnect the account.',
}

/** A stored account's verification: `verified`, unless the provider rejected its tokens since. */
function storedVerification(account: ExternalAccountRecord): VerificationJSON {
  const code = account.verificationError
  return {
    object: 'verification_oauth',
    status: code ? 'failed' : 'verified',
    strategy: `oauth_${account.provider}`,
    attempts: null,
    expire_at: null,
    verified_at_client: null,
    external_verification_redirect_url: null,
    error: code
      ? { code, message: 'Reconnect required', long_message: ACCOUNT_ERRORS[code] ?? 'Reconnect the account.', meta: {} }
      : null,
  }
}

/** A connected account as the Frontend API writes it (Clerk's shape). Its tokens are never part of it. */
export function externalAccountJSON(account: ExternalAccountRecord): ExternalAccountJSON {
  return {
    object: 'external_account',
    id: account.id,
    provider: `oauth_${account.provider}`,
    identification_id: account.identificationId ?? '',
    provider_user_id: account.providerUserId,
    approved_scopes: account.approvedScopes,
    email_address: account.emailAddress,
    email_address_verified: account.emailAddressVerified,
    first_name: account.firstName,
    last_name: account.lastName,
    image_url: account.imageUrl,
    username: account.username,
    phone_number: null,
    public_metadata: {},
    label: null,
    verification: storedVerification(account),
    created_at: account.createdAt,
    updated_at: account.updatedAt,
  }
}

/**
 * The answer to a connect or reauthorize request: the account as it will be, unverified, with
 * the provider URL the browser must visit. Nothing is stored as an account until the callback.
 */
export function pendingExternalAccountJSON(
  base: ExternalAccountJSON,
  redirectUrl: string,
  expireAt: number,
): ExternalAccountJSON {
  return {
    ...base,
    verification: {
      object: 'verification_oauth',
      status: 'unverified',
      strategy: base.provider,
      attempts: null,
      expire_at: expireAt,
      verified_at_client: null,
      external_verification_redirect_url: redirectUrl,
      error: null,
    },
  }
}
