/**
 * The query parameter the OAuth callback adds to `redirect_url` when a connection fails, for
 * example `?userkit_oauth_error=external_account_exists`. The kit reads it, shows the error and
 * removes it from the address bar. Shared by the server and the kit (no React, no bytes beyond this).
 */
export const OAUTH_ERROR_PARAM = 'userkit_oauth_error'
