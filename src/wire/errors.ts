/**
 * Every error code either API answers, and the two the client makes up itself when no answer
 * arrives. The kit's catalogs have a text for each (test/api/error-codes.test.ts), so a new code
 * cannot reach users as a raw string.
 */
export const ERROR_CODES = [
  // Requests and transport
  'bad_request',
  'request_body_invalid',
  'request_body_too_large',
  'unsupported_content_type',
  'resource_not_found',
  'origin_invalid',
  'too_many_requests',
  'internal_clerk_error',
  'feature_not_enabled',
  // Parameters (Clerk's form_param_* family)
  'form_param_missing',
  'form_param_unknown',
  'form_param_format_invalid',
  'form_param_value_invalid',
  'form_param_max_length_exceeded',
  // Signing in, sessions and credentials
  'signed_out',
  'form_identifier_not_found',
  'form_password_incorrect',
  'strategy_for_user_invalid',
  'user_banned',
  'authorization_header_format_invalid',
  'authentication_invalid',
  'clerk_key_invalid',
  'password_not_set',
  'form_password_length_too_short',
  'form_password_length_too_long',
  // Identifiers
  'form_identifier_exists',
  'form_username_invalid_length',
  'form_username_invalid_character',
  'identification_deletion_failed',
  'form_identification_needed',
  // Verification codes and links
  'form_code_incorrect',
  'verification_missing',
  'verification_failed',
  'verification_expired',
  'verification_already_verified',
  'message_delivery_failed',
  // Profile images
  'image_too_large',
  // Connected accounts and OAuth
  'external_account_exists',
  'external_account_mismatch',
  'external_account_not_found',
  'external_account_token_invalid',
  'oauth_access_denied',
  'oauth_state_invalid',
  'oauth_state_expired',
  'oauth_provider_error',
  'oauth_provider_unavailable',
  'oauth_provider_not_configured',
  // The users dashboard
  'dashboard_signed_out',
  'form_secret_key_incorrect',
  // Webhook endpoints (userkit's Backend API extension)
  'webhook_endpoint_read_only',
  // Made by the client: no answer arrived, or not the JSON expected
  'network_error',
  'unexpected_response',
] as const

/** One of `ERROR_CODES`. */
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ErrorItemJSON {
  /** An `ErrorCode`; typed as a string because a newer server may answer one this kit does not know. */
  code: ErrorCode | (string & {})
  message: string
  long_message: string
  meta: { param_name?: string; [key: string]: unknown }
}

export interface ErrorsJSON {
  errors: ErrorItemJSON[]
  clerk_trace_id?: string
}
