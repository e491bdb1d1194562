import type { Migration } from './index.ts'

export const migration: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE settings (
  key text PRIMARY KEY,
  value text NOT NULL
);

CREATE TABLE blobs (
  id text PRIMARY KEY,
  content_type text NOT NULL,
  name text,
  bytes bytea NOT NULL,
  created_at bigint NOT NULL
);

CREATE TABLE users (
  id text PRIMARY KEY,
  external_id text,
  username text,
  first_name text,
  last_name text,
  password_hash text,
  image_id text REFERENCES blobs (id) ON DELETE SET NULL,
  primary_email_address_id text,
  primary_phone_number_id text,
  public_metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
  private_metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
  unsafe_metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
  banned boolean NOT NULL DEFAULT false,
  password_last_updated_at bigint,
  last_sign_in_at bigint,
  last_active_at bigint,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));
CREATE UNIQUE INDEX users_external_id_key ON users (external_id);
CREATE INDEX users_created_at_idx ON users (created_at);

-- Emails and phone numbers share one table (Clerk's "identifications", ids idn_…) so that one
-- unique index can guarantee an address belongs to at most one user, whatever its state.
-- The verification_* columns hold the pending code or link (hashed) for issue 3's flows.
CREATE TABLE identifications (
  id text PRIMARY KEY,
  -- Insertion order, for a stable list when several are created in the same millisecond.
  seq bigint GENERATED ALWAYS AS IDENTITY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  type text NOT NULL CHECK (type IN ('email_address', 'phone_number')),
  value text NOT NULL,
  verification_status text NOT NULL DEFAULT 'unverified'
    CHECK (verification_status IN ('unverified', 'verified', 'failed', 'expired')),
  verification_strategy text,
  verification_code_hash text,
  verification_token_hash text,
  verification_attempts integer NOT NULL DEFAULT 0,
  verification_expire_at bigint,
  verification_redirect_url text,
  verified_at bigint,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL
);
CREATE UNIQUE INDEX identifications_value_key ON identifications (type, lower(value));
CREATE INDEX identifications_user_id_idx ON identifications (user_id);
CREATE UNIQUE INDEX identifications_token_key ON identifications (verification_token_hash);

CREATE TABLE clients (
  id text PRIMARY KEY,
  token_hash text NOT NULL UNIQUE,
  last_active_session_id text,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL
);

CREATE TABLE sessions (
  id text PRIMARY KEY,
  client_id text NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('active', 'ended', 'expired', 'removed', 'revoked')),
  last_active_at bigint NOT NULL,
  expire_at bigint NOT NULL,
  abandon_at bigint NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL
);
CREATE INDEX sessions_client_id_idx ON sessions (client_id, status);
CREATE INDEX sessions_user_id_idx ON sessions (user_id, status);

-- Fixed-window counters; the key names the rule and the subject (signin:ip:…, signin:id:…).
CREATE TABLE rate_limits (
  key text PRIMARY KEY,
  window_start bigint NOT NULL,
  count integer NOT NULL
);
`,
}
