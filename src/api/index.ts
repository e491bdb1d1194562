/** `userkit/api`: the typed Frontend API client. No React here, ever. */
export {
  createUserkitClient,
  type SignInParams,
  type UpdateMeParams,
  type UserkitClient,
  type UserkitClientOptions,
} from './client.ts'
export { UserkitApiError } from './errors.ts'
export type { GetTokenOptions, TokenEvent } from './tokens.ts'
export {
  type EmailVerificationStrategy,
  type IdentificationCalls,
  type PrepareEmailVerificationParams,
} from './identifications.ts'
export {
  type ConnectExternalAccountParams,
  type ExternalAccountCalls,
  OAUTH_ERROR_PARAM,
  type ReauthorizeExternalAccountParams,
} from './external-accounts.ts'
export {
  activeSession,
  parseClient,
  parseEmailAddress,
  parseExternalAccount,
  parseEnvironment,
  parsePhoneNumber,
  parseSession,
  parseUser,
} from './parse.ts'
export type * from './types.ts'
export type {
  ClientJSON,
  EmailAddressJSON,
  EnvironmentJSON,
  ErrorItemJSON,
  ErrorsJSON,
  ExternalAccountJSON,
  PhoneNumberJSON,
  SessionJSON,
  TokenJSON,
  UserJSON,
} from '../wire/index.ts'
