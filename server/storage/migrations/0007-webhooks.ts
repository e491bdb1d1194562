import type { Migration } from './index.ts'

export const migration: Migration = {
  version: 7,
  name: 'webhooks',
  sql: `
-- Where webhooks go. source 'environment' is the endpoint of USERKIT_WEBHOOK_URL (id ep_environment,
-- rewritten at every start); 'api' ones are managed through /v1/webhook_endpoints. event_types is a
-- JSON array of type names, empty for every type. secrets is a JSON array of
-- {secret, expire_at}: the current one first (expire_at null), replaced ones until they expire;
-- each secret is whsec_… or its AES-GCM ciphertext (v1.…) under USERKIT_ENCRYPTION_KEY.
CREATE TABLE webhook_endpoints (
  id text PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  source text NOT NULL CHECK (source IN ('api', 'environment')),
  url text NOT NULL,
  description text NOT NULL DEFAULT '',
  event_types jsonb NOT NULL DEFAULT '[]',
  secrets jsonb NOT NULL,
  disabled_reason text CHECK (disabled_reason IN ('manual', 'failing')),
  failing_since bigint,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL
);

-- The outbox: one row per event, written in the transaction of the change it describes, with the
-- body exactly as it is signed. Only events that some enabled endpoint wanted are kept.
CREATE TABLE webhook_events (
  id text PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  type text NOT NULL,
  body text NOT NULL,
  created_at bigint NOT NULL
);
CREATE INDEX webhook_events_created_at_idx ON webhook_events (created_at);

-- One event's delivery to one endpoint: pending until a 2xx or the last retry. order_key (the user
-- the event is about) keeps one user's events in order per endpoint; locked_until is the lease of
-- the instance sending it, so a crashed sender's work is picked up again when the lease runs out.
CREATE TABLE webhook_deliveries (
  id text PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  event_id text NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
  endpoint_id text NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  order_key text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at bigint,
  locked_until bigint,
  last_attempt_at bigint,
  response_status integer,
  error text,
  created_at bigint NOT NULL
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at, seq) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_order_idx ON webhook_deliveries (endpoint_id, order_key, seq) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, seq);
`,
}
