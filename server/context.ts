import type { PasswordHasher } from './password.ts'
import type { ResolvedOptions } from './options.ts'
import type { Store } from './storage/store.ts'

/** What every route module receives at registration: storage, the hasher and the resolved options. */
export interface ServerDeps {
  store: Store
  hasher: PasswordHasher
  options: ResolvedOptions
}
