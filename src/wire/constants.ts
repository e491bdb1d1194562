/**
 * The query parameter the OAuth callback adds to `redirect_url` when a connection fails, for
 * example `?userkit_oauth_error=external_account_exists`. The kit reads it, shows the error and
 * removes it from the address bar.
 */
export const OAUTH_ERROR_PARAM = 'userkit_oauth_error'

/** The query parameter an opened email link adds to its `redirect_url` (`verified` or `expired`), like Clerk's `__clerk_status`. */
export const LINK_STATUS_PARAM = '__userkit_status'

/** Where providers send the browser back; registered with each provider as `<origin>/v1/oauth_callback`. */
export const OAUTH_CALLBACK_PATH = '/v1/oauth_callback'

/** Every webhook event type userkit sends, in Clerk's names. */
export const WEBHOOK_EVENT_TYPES = [
  'user.created',
  'user.updated',
  'user.deleted',
  'session.created',
  'session.ended',
  'session.removed',
  'session.revoked',
  'email.created',
  'sms.created',
] as const
