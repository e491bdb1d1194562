import type { Queryable } from './database.ts'

/** Instance settings kept in the database (the generated secret key, later OAuth keys …). */
export interface SettingsRepo {
  get(key: string): Promise<string | null>
  /**
   * Stores `value` unless the key already has one, and answers the stored value. Two instances
   * starting at once on one database therefore agree on a single generated secret.
   */
  getOrInit(key: string, value: string): Promise<string>
  set(key: string, value: string): Promise<void>
}

/** Binds the settings queries to `q`. */
export function settingsRepo(q: Queryable): SettingsRepo {
  async function get(key: string): Promise<string | null> {
    const { rows } = await q.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key])
    return rows[0]?.value ?? null
  }
  return {
    get,
    async getOrInit(key, value) {
      await q.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, value])
      return (await get(key)) as string
    },
    async set(key, value) {
      await q.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [
        key,
        value,
      ])
    },
  }
}
