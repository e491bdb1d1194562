import type { Migration } from './index.ts'

export const migration: Migration = {
  version: 4,
  name: 'backend_api_indexes',
  sql: `
-- The Backend API's user list orders by these (NULLS LAST, id as tiebreaker) and filters by them.
CREATE INDEX users_last_sign_in_at_idx ON users (last_sign_in_at DESC NULLS LAST, id DESC);
CREATE INDEX users_last_active_at_idx ON users (last_active_at DESC NULLS LAST, id DESC);
CREATE INDEX users_updated_at_idx ON users (updated_at);
-- Its session list filters by status alone and pages newest first.
CREATE INDEX sessions_status_created_at_idx ON sessions (status, created_at DESC);
`,
}
