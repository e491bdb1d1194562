import type { Migration } from './index.ts'

export const migration: Migration = {
  version: 6,
  name: 'session_tokens',
  sql: `
-- The keys that sign session tokens (RS256, RSA-2048), shared by every instance on the database.
-- The newest key that is not retiring signs; a replaced key stays in the JWKS until retire_at, so
-- tokens it signed keep verifying. private_key is PKCS#8 PEM, or its AES-GCM ciphertext (v1.…)
-- under USERKIT_ENCRYPTION_KEY.
CREATE TABLE signing_keys (
  kid text PRIMARY KEY,
  public_jwk jsonb NOT NULL,
  private_key text NOT NULL,
  created_at bigint NOT NULL,
  retire_at bigint
);
CREATE INDEX signing_keys_created_at_idx ON signing_keys (created_at);

-- Handshake payloads: the cookie directives a handshake hands back to the app's backend, under a
-- single-use nonce (only its SHA-256 is kept) that expires within a minute.
CREATE TABLE handshake_nonces (
  nonce_hash text PRIMARY KEY,
  directives jsonb NOT NULL,
  expire_at bigint NOT NULL
);
CREATE INDEX handshake_nonces_expire_at_idx ON handshake_nonces (expire_at);
`,
}
