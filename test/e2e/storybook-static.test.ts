/**
 * `npm run build-storybook` must give a Storybook that works from any static file server, live
 * stories included (PGlite's wasm and data files emitted and fetched by relative URLs). Builds it
 * into a temporary folder and runs test/storybook/static-smoke.mjs on it: `python3 -m http.server`
 * serves the folder's parent, headless Chromium opens a live story whose play function signs in and
 * edits the name on the server inside the page.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumPath } from '../chromium.ts'

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('close', (code) => resolve({ code, output }))
  })
}

describe('the static Storybook', () => {
  let dir: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'userkit-storybook-'))
    const build = await run('npx', ['storybook', 'build', '-o', join(dir, 'storybook-static'), '--quiet'])
    expect(build.code, build.output).toBe(0)
  }, 300_000)

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('should run a live story from a plain static file server, in a sub-folder', async () => {
    const shot = join(dir, 'live.png')
    const smoke = await run('node', ['test/storybook/static-smoke.mjs', join(dir, 'storybook-static'), shot], { CHROMIUM_PATH: chromiumPath() })
    expect(smoke.code, smoke.output).toBe(0)
    const png = await readFile(shot)
    expect(png.subarray(1, 4).toString()).toBe('PNG')
  }, 120_000)
})
