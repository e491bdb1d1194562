import type { Database } from './database.ts'

/**
 * The schema, as SQL strings in code (a browser page has no file system). Append new migrations;
 * never edit one that has shipped. Every statement must run on PostgreSQL 15 and on PGlite
 * (PostgreSQL 18). Timestamps are Unix milliseconds in `bigint` columns, the wire's unit, so the
 * server's injectable clock decides every time and nothing depends on the database's time zone.
 */
export const migrations: readonly { version: number; name: string; sql: string }[] = [
  {
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
  },
  {
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
  },
  {
    version: 3,
    name: 'external_accounts',
    sql: `
-- Connected OAuth accounts. A provider account (provider, provider_user_id) belongs to at most one
-- user. Tokens are AES-GCM ciphertexts (server/oauth/crypto.ts); identification_id is the email
-- the account verified, owned_identification when connecting created that email.
CREATE TABLE external_accounts (
  id text PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  provider text NOT NULL,
  provider_user_id text NOT NULL,
  identification_id text REFERENCES identifications (id) ON DELETE SET NULL,
  owned_identification boolean NOT NULL DEFAULT false,
  email_address text NOT NULL DEFAULT '',
  email_address_verified boolean,
  first_name text,
  last_name text,
  username text,
  image_url text,
  approved_scopes text NOT NULL DEFAULT '',
  access_token text,
  refresh_token text,
  token_expires_at bigint,
  verification_error text,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL
);
CREATE UNIQUE INDEX external_accounts_provider_user_key ON external_accounts (provider, provider_user_id);
CREATE INDEX external_accounts_user_id_idx ON external_accounts (user_id);

-- Pending authorization requests: single-use (deleted when read) and expiring. Only the state's
-- SHA-256 is kept; the PKCE verifier is encrypted like the tokens.
CREATE TABLE oauth_states (
  state_hash text PRIMARY KEY,
  client_id text NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  provider text NOT NULL,
  external_account_id text NOT NULL,
  reauthorize boolean NOT NULL,
  code_verifier text NOT NULL,
  nonce text,
  scopes text NOT NULL,
  redirect_uri text NOT NULL,
  redirect_url text NOT NULL,
  expire_at bigint NOT NULL,
  created_at bigint NOT NULL
);
CREATE INDEX oauth_states_expire_at_idx ON oauth_states (expire_at);
`,
  },
  {
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
  },
  {
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
  },
]

/** An arbitrary constant: the advisory lock that keeps two instances from migrating at once. */
const MIGRATION_LOCK = 7_261_100

/**
 * Applies the migrations not yet recorded in `schema_migrations`, all in one transaction (PostgreSQL
 * DDL is transactional). Safe when several instances start together: they queue on an advisory lock.
 */
export async function migrate(db: Database, now: () => number = Date.now): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await tx.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)',
    )
    const done = await tx.query<{ version: number }>('SELECT version FROM schema_migrations')
    const applied = new Set(done.rows.map((r) => Number(r.version)))
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue
      for (const statement of splitStatements(migration.sql)) await tx.query(statement)
      await tx.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        now(),
      ])
    }
  })
}

/** One statement per `query` call: the extended protocol (used by `pg` with params) allows only one. */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*\n/)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0)
}
