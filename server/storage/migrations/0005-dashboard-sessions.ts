import type { Migration } from './index.ts'

export const migration: Migration = {
  version: 5,
  name: 'dashboard_sessions',
  sql: `
-- Operators' dashboard sessions, apart from end users' clients and sessions: a random cookie token
-- whose SHA-256 is kept here, with an idle and an absolute expiry.
CREATE TABLE dashboard_sessions (
  id text PRIMARY KEY,
  token_hash text NOT NULL UNIQUE,
  last_active_at bigint NOT NULL,
  expire_at bigint NOT NULL,
  abandon_at bigint NOT NULL,
  created_at bigint NOT NULL
);
`,
}
