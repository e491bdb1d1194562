import type { Migration } from './index.ts'

export const migration: Migration = {
  version: 2,
  name: 'outbox',
  sql: `
-- The development outbox: every message the dev delivery "sent", shown at /dev/outbox. Only a
-- development server writes here; it keeps codes in clear text because reading them is its job.
-- (Pending codes and link tokens live hashed on identifications.verification_*.)
CREATE TABLE outbox (
  id text PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  channel text NOT NULL CHECK (channel IN ('email', 'sms')),
  to_address text NOT NULL,
  subject text,
  body text NOT NULL,
  code text,
  link text,
  created_at bigint NOT NULL
);
CREATE INDEX outbox_to_address_idx ON outbox (lower(to_address), created_at);
CREATE INDEX outbox_created_at_idx ON outbox (created_at);
`,
}
