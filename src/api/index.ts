/** `userkit/api`: the typed Frontend API client. No React here, ever. */
export {
  createUserkitClient,
  type SignInParams,
  type UpdateMeParams,
  type UserkitClient,
  type UserkitClientOptions,
} from './client.ts'
export { UserkitApiError } from './errors.ts'
export {
  activeSession,
  parseClient,
  parseEnvironment,
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
  UserJSON,
} from './wire.ts'
