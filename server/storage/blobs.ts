import { newId } from '../ids.ts'
import type { Queryable } from './database.ts'
import { ms } from './records.ts'

/** A stored file (today: profile images). */
export interface StoredBlob {
  id: string
  contentType: string
  name: string | null
  bytes: Uint8Array
  createdAt: number
}

/**
 * Where uploaded files live. The database by default, so several instances share them; an object
 * store could implement the same three calls.
 */
export interface BlobStore {
  put(input: { contentType: string; name?: string | null; bytes: Uint8Array }): Promise<Omit<StoredBlob, 'bytes'>>
  get(id: string): Promise<StoredBlob | null>
  delete(id: string): Promise<void>
}

/** A `BlobStore` on the `blobs` table (bytea). */
export function databaseBlobStore(q: Queryable, now: () => number): BlobStore {
  return {
    async put({ contentType, name = null, bytes }) {
      const id = newId('img')
      const createdAt = now()
      await q.query('INSERT INTO blobs (id, content_type, name, bytes, created_at) VALUES ($1, $2, $3, $4, $5)', [
        id,
        contentType,
        name,
        bytes,
        createdAt,
      ])
      return { id, contentType, name, createdAt }
    },
    async get(id) {
      const { rows } = await q.query('SELECT id, content_type, name, bytes, created_at FROM blobs WHERE id = $1', [id])
      const row = rows[0]
      if (!row) return null
      return {
        id: row.id as string,
        contentType: row.content_type as string,
        name: (row.name as string | null) ?? null,
        // pg answers a Buffer, PGlite a Uint8Array: both are Uint8Arrays.
        bytes: row.bytes as Uint8Array,
        createdAt: ms(row.created_at),
      }
    },
    async delete(id) {
      await q.query('DELETE FROM blobs WHERE id = $1', [id])
    },
  }
}
