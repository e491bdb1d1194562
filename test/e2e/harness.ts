import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import { expect } from 'vitest'
import { chromiumArgs, chromiumPath } from '../chromium.ts'
import { freePort } from '../helpers/ports.ts'

export interface RunningServer {
  baseUrl: string
  /** Everything the server printed so far. */
  output: () => string
  demoEmail: string
  demoPassword: string
  stop: () => Promise<void>
}

/**
 * Starts the server exactly as `npm start` does (the demo's server: userkit from the environment
 * and the demo's API, development mode, a fresh data dir) and waits until it listens. The demo app
 * must be built (npm test builds it first).
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort()
  const dataDir = await mkdtemp(join(tmpdir(), 'userkit-e2e-'))
  const child: ChildProcess = spawn('node', ['--import', 'tsx', 'demo/server.ts'], {
    env: { ...process.env, USERKIT_ENV: 'development', USERKIT_DEMO_DIR: 'demo/dist', PORT: String(port), HOST: '127.0.0.1', USERKIT_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let text = ''
  child.stdout?.on('data', (chunk) => (text += chunk))
  child.stderr?.on('data', (chunk) => (text += chunk))
  const baseUrl = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited early:\n${text}`)
    if (Date.now() > deadline) throw new Error(`the server did not listen within 60 s:\n${text}`)
    try {
      if ((await fetch(`${baseUrl}/v1/environment`)).ok) break
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  const email = /([\w.+-]+@[\w-]+(?:\.[\w-]+)+)/.exec(text)?.[1]
  const password = /password\W+(\S+)/i.exec(text)?.[1]
  if (!email || !password) throw new Error(`the server printed no demo credentials:\n${text}`)
  return {
    baseUrl,
    output: () => text,
    demoEmail: email,
    demoPassword: password,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await exited
      }
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true })
}

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** Runs axe (WCAG 2.1 A and AA) on the page as it is now; a violation fails with the nodes it names. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  // Colour contrast is measured on what is painted: let open animations finish first.
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))))
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource })
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe
    const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa'] })
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`)
  })
  expect(violations).toEqual([])
}
