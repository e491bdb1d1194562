import { changeWriter, hookListener, type ChangeHook, type ChangeListener, type Write } from './changes.ts'
import { operatorsDomain } from './dashboard/operators.ts'
import { oauthDomain } from './oauth/connect.ts'
import type { ResolvedOptions } from './options.ts'
import type { PasswordHasher } from './password.ts'
import { sessionsDomain } from './sessions/index.ts'
import { tokensDomain } from './sessions/tokens.ts'
import { tokenCipher } from './oauth/crypto.ts'
import { signingKeys } from './tokens/keys.ts'
import type { Store } from './storage/store.ts'
import { createUserDomain } from './users/create.ts'
import { externalAccountsDomain } from './users/external-accounts.ts'
import { identifiersDomain } from './users/identifiers.ts'
import { lifecycleDomain } from './users/lifecycle.ts'
import { profileDomain } from './users/profile.ts'
import { verificationDomain } from './verification/flow.ts'
import { webhookEndpointsDomain } from './webhooks/endpoints.ts'
import { webhookListener } from './webhooks/events.ts'
import { webhookSender } from './webhooks/worker.ts'

/** What every part of the domain is built from. */
export interface DomainContext {
  /** Reads; writes go through `write`. */
  store: Store
  options: ResolvedOptions
  hasher: PasswordHasher
  /** The one way to change a user or a session (server/changes.ts). */
  write: Write
}

/**
 * The domain: every rule of the product once, as functions the Frontend API, the Backend API, the
 * dashboard and the OAuth callback all call. Routes parse, call one of these, and serialize.
 */
export function createDomain(input: {
  /** This installation's `ins_…` id (webhook events carry it). */
  instanceId: string
  store: Store
  options: ResolvedOptions
  hasher: PasswordHasher
  onChange?: ChangeHook | undefined
  secretKey: string
  dashboardPassword?: string | undefined
}) {
  const { encryptionKey, now } = input.options
  const cipher = encryptionKey ? tokenCipher(encryptionKey) : null
  // Unhandled until used: a bad key is reported where a key is needed, by the call that needs it.
  cipher?.catch(() => undefined)
  const getCipher = async () => cipher
  const webhookSettings = input.options.webhooks
  const sender = webhookSender({ store: input.store, now, cipher: getCipher, ...webhookSettings })
  const listeners: ChangeListener[] = [
    webhookListener({ publicUrl: input.options.publicUrl, instanceId: input.instanceId, now, requestScope: input.options.requestScope, wake: sender.wake }),
  ]
  if (input.onChange) listeners.push(hookListener(input.onChange))
  const ctx: DomainContext = {
    store: input.store,
    options: input.options,
    hasher: input.hasher,
    write: changeWriter(input.store, listeners),
  }
  const sessions = sessionsDomain(ctx)
  const externalAccounts = externalAccountsDomain(ctx)
  const keys = signingKeys(input.store, now, getCipher)
  return {
    keys,
    tokens: tokensDomain(ctx, { keys, sessions }),
    users: { ...createUserDomain(ctx), ...profileDomain(ctx), ...lifecycleDomain(ctx) },
    identifiers: identifiersDomain(ctx),
    verification: verificationDomain(ctx),
    externalAccounts,
    oauth: oauthDomain(ctx, { sessions, externalAccounts }),
    sessions,
    webhooks: webhookEndpointsDomain({ store: input.store, now, cipher: getCipher, wake: sender.wake }),
    webhookSender: sender,
    operators: operatorsDomain(ctx, { secretKey: input.secretKey, password: input.dashboardPassword }),
  }
}

/** The domain of one server. */
export type Domain = ReturnType<typeof createDomain>
