import { scrypt } from 'node:crypto'
import { maxMemory, scryptHasher, type PasswordHasher, type ScryptParams } from '../password.ts'

/**
 * The scrypt hasher on node:crypto (native, several times faster than pure JS and off the event
 * loop). Same `scrypt$N$r$p$salt$hash` format as the core's, so either verifies the other's hashes.
 */
export function nodeScryptHasher(params: Partial<ScryptParams> = {}): PasswordHasher {
  return scryptHasher(params, (password, salt, cost, keyLength) =>
    new Promise((resolve, reject) => {
      scrypt(password.normalize('NFKC'), salt, keyLength, { ...cost, maxmem: maxMemory(cost) }, (error, key) =>
        error ? reject(error) : resolve(new Uint8Array(key.buffer, key.byteOffset, key.byteLength)),
      )
    }),
  )
}
