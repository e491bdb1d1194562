import type { Migration } from './index.ts'

export const migration: Migration = {
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
}
