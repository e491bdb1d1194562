/**
 * The two packages as users install them: `npm pack` of each (its `prepack` builds what it
 * ships), then each tarball installed on its own into an empty folder from the npm registry.
 *   - `userkit` in a fresh Vite app: it builds, its types check under strict settings with
 *     `skipLibCheck: false`, and its install holds nothing of the server.
 *   - `@userkit/server` alone: `userkit-server` prints secrets, migrates, refuses an unconfigured
 *     production start with one line naming the fix, and serves the Frontend API, the Backend API
 *     and the dashboard; development runs without the optional Dev OIDC provider. No React.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../helpers/ports.ts'

const repo = resolve('.')
const work = mkdtempSync(join(tmpdir(), 'userkit-packages-'))
const version = (path: string) => (JSON.parse(readFileSync(join(repo, path), 'utf8')) as { version: string }).version
const devVersion = (name: string) => (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies[name] as string

/** The environment for a nested npm: none of the `npm_*` settings of the `npm test` that runs us. */
const cleanEnv = (extra: Record<string, string> = {}) => {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !/^npm_/i.test(key)) env[key] = value
  return { ...env, ...extra }
}

const npm = (args: string[], cwd: string) =>
  execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, env: cleanEnv(), stdio: 'pipe', encoding: 'utf8' })

/** Every installed package name under `dir/node_modules`, at any depth. */
function installed(dir: string): Set<string> {
  const names = new Set<string>()
  const walk = (modules: string) => {
    if (!existsSync(modules)) return
    for (const entry of readdirSync(modules)) {
      if (entry.startsWith('.')) continue
      const scoped = entry.startsWith('@')
      for (const name of scoped ? readdirSync(join(modules, entry)).map((n) => `${entry}/${n}`) : [entry]) {
        names.add(name)
        walk(join(modules, name, 'node_modules'))
      }
    }
  }
  walk(join(dir, 'node_modules'))
  return names
}

/** The repository's TypeScript over a consumer's tsconfig.json: its exit status and what it printed. */
function typeCheck(dir: string): { status: number | null; output: string } {
  const result = spawnSync(join(repo, 'node_modules', '.bin', 'tsc'), ['-p', join(dir, 'tsconfig.json')], { cwd: dir, encoding: 'utf8' })
  return { status: result.status, output: `${result.stdout}${result.stderr}`.trim() }
}

const kitTarball = join(work, `userkit-${version('package.json')}.tgz`)
const serverTarball = join(work, `userkit-server-${version('server/package.json')}.tgz`)

beforeAll(() => {
  npm(['pack', '--pack-destination', work], repo)
  npm(['pack', '--workspace', 'server', '--pack-destination', work], repo)
}, 300_000)

afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('the userkit package, installed in a fresh Vite app', () => {
  const app = join(work, 'kit-app')

  beforeAll(() => {
    mkdirSync(join(app, 'src'), { recursive: true })
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({
        name: 'kit-app',
        private: true,
        type: 'module',
        // React, react-dom and TanStack Query come in as the kit's peers.
        dependencies: { userkit: `file:${kitTarball}` },
        devDependencies: { '@types/react': devVersion('@types/react'), '@types/react-dom': devVersion('@types/react-dom') },
      }),
    )
    writeFileSync(join(app, 'index.html'), '<!doctype html><html><body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>')
    writeFileSync(
      join(app, 'src', 'main.tsx'),
      `import { createRoot } from 'react-dom/client'
import { SignedIn, SignedOut, SignIn, UserButton, UserkitProvider, UserProfile } from 'userkit'
import { createUserkitClient, UserkitApiError } from 'userkit/api'
import 'userkit/styles.css'

const client = createUserkitClient({ baseUrl: 'https://users.example.com' })
export const isKitError = (error: unknown): error is UserkitApiError => error instanceof UserkitApiError

createRoot(document.getElementById('root')!).render(
  <UserkitProvider baseUrl="https://users.example.com">
    <SignedOut><SignIn /></SignedOut>
    <SignedIn><UserButton showName /><UserProfile /></SignedIn>
  </UserkitProvider>,
)
void client
`,
    )
    // The strict settings of Vite's React template, and every library's types checked too.
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2022', 'DOM', 'DOM.Iterable'],
          module: 'ESNext',
          moduleResolution: 'bundler',
          jsx: 'react-jsx',
          strict: true,
          noUnusedLocals: true,
          noUnusedParameters: true,
          noFallthroughCasesInSwitch: true,
          skipLibCheck: false,
          noEmit: true,
          types: [],
        },
        include: ['src'],
      }),
    )
    npm(['install'], app)
  }, 300_000)

  it('should install none of the server’s packages', () => {
    const names = installed(app)
    expect(names.has('userkit')).toBe(true)
    expect(names.has('react')).toBe(true)
    const server = ['@electric-sql/pglite', 'pg', 'nodemailer', 'hono', '@hono/node-server', 'oauth4webapi', 'oidc-provider', 'zod', '@userkit/server']
    expect(server.filter((name) => names.has(name))).toEqual([])
  })

  it('should build with Vite, styles included', async () => {
    const outDir = join(app, 'dist')
    await build({ root: app, configFile: false, logLevel: 'silent', plugins: [react()], build: { outDir, emptyOutDir: true } })
    const assets = readdirSync(join(outDir, 'assets'))
    const js = assets.filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(outDir, 'assets', f), 'utf8')).join('')
    const css = assets.filter((f) => f.endsWith('.css')).map((f) => readFileSync(join(outDir, 'assets', f), 'utf8')).join('')
    expect(js).toContain('user-button')
    expect(css).toContain('--uk-')
  }, 120_000)

  it('should type-check under strict settings with skipLibCheck off', () => {
    expect(typeCheck(app)).toEqual({ status: 0, output: '' })
  }, 120_000)

  it('should load its API client in Node, without a DOM', () => {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', "const m = await import('userkit/api'); console.log(typeof m.createUserkitClient)"], {
      cwd: app,
      encoding: 'utf8',
    })
    expect(out.trim()).toBe('function')
  })
})

describe('the @userkit/server package, installed alone', () => {
  const app = join(work, 'server-app')
  const bin = join(app, 'node_modules', '.bin', 'userkit-server')
  const running: ChildProcess[] = []

  beforeAll(() => {
    mkdirSync(app, { recursive: true })
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'server-app', private: true, type: 'module', dependencies: { '@userkit/server': `file:${serverTarball}` } }))
    writeFileSync(
      join(app, 'index.ts'),
      `import { PGlite } from '@electric-sql/pglite'
import { createUserkitServer, pgliteDatabase, type UserkitServerOptions } from '@userkit/server'
import { postgresDatabase, postgresPool, smtpDelivery, startUserkit } from '@userkit/server/node'

const options: UserkitServerOptions = { database: pgliteDatabase(new PGlite()), env: 'development' }
export const inProcess = () => createUserkitServer(options)
export const onPostgres = (url: string) => createUserkitServer({ database: postgresDatabase(postgresPool(url)), delivery: smtpDelivery({ url: 'smtps://relay.example', from: 'a@example.com' }) })
export const onNode = () => startUserkit({ port: 0 })
`,
    )
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: false, noEmit: true, lib: ['ES2023', 'DOM'] },
        files: ['index.ts'],
      }),
    )
    npm(['install'], app)
  }, 300_000)

  afterAll(() => {
    for (const child of running) child.kill('SIGKILL')
  })

  /** Starts the installed bin with `env`; resolves once `/v1/environment` answers. */
  async function serve(env: Record<string, string>) {
    const port = await freePort()
    const child = spawn(bin, [], { cwd: app, env: cleanEnv({ PORT: String(port), USERKIT_DATA_DIR: join(app, `data-${port}`), ...env }), stdio: ['ignore', 'pipe', 'pipe'] })
    running.push(child)
    let output = ''
    child.stdout?.on('data', (chunk) => (output += chunk))
    child.stderr?.on('data', (chunk) => (output += chunk))
    const url = `http://127.0.0.1:${port}`
    const deadline = Date.now() + 60_000
    for (;;) {
      if (child.exitCode !== null) throw new Error(`userkit-server exited:\n${output}`)
      if (Date.now() > deadline) throw new Error(`userkit-server did not listen:\n${output}`)
      if (await fetch(`${url}/v1/environment`).then((r) => r.ok, () => false)) break
      await new Promise((r) => setTimeout(r, 100))
    }
    const stop = async () => {
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      await exited
    }
    return { url, output: () => output, stop }
  }

  it('should install no React, and no Dev OIDC provider (an optional peer)', () => {
    const names = installed(app)
    expect(names.has('@userkit/server')).toBe(true)
    expect(['react', 'react-dom', '@tanstack/react-query', 'userkit', 'oidc-provider'].filter((name) => names.has(name))).toEqual([])
  })

  it('should type-check a consumer with skipLibCheck off', () => {
    expect(typeCheck(app)).toEqual({ status: 0, output: '' })
  }, 120_000)

  it('should print a new secret key, migrate a database, and print its session-token key', () => {
    const secret = execFileSync(bin, ['secret'], { cwd: app, env: cleanEnv(), encoding: 'utf8' }).trim()
    expect(secret).toMatch(/^sk_live_[0-9A-Za-z]{40}$/)
    const migrated = execFileSync(bin, ['migrate'], { cwd: app, env: cleanEnv({ USERKIT_DATA_DIR: join(app, 'data-migrate') }), encoding: 'utf8' })
    expect(migrated).toContain('up to date')
    const keys = execFileSync(bin, ['keys'], { cwd: app, env: cleanEnv({ USERKIT_DATA_DIR: join(app, 'data-migrate'), USERKIT_PUBLIC_URL: 'https://users.example.com' }), encoding: 'utf8' })
    expect(keys).toContain('pk_live_dXNlcnMuZXhhbXBsZS5jb20k')
    expect(keys).toContain('-----BEGIN PUBLIC KEY-----')
  }, 60_000)

  it('should refuse to start in production without a secret key, in one line naming the fix', () => {
    let failure: { status: number; stderr: string } | undefined
    try {
      execFileSync(bin, [], { cwd: app, env: cleanEnv({ USERKIT_DATA_DIR: join(app, 'never') }), stdio: 'pipe', encoding: 'utf8' })
    } catch (error) {
      failure = error as { status: number; stderr: string }
    }
    expect(failure?.status).toBe(1)
    expect(failure?.stderr.trim().split('\n')).toEqual([expect.stringContaining('set USERKIT_SECRET_KEY')])
    expect(failure?.stderr).toContain('userkit-server secret')
    expect(existsSync(join(app, 'never'))).toBe(false)
  })

  it('should serve the Frontend API, the Backend API and the dashboard in production', async () => {
    const key = 'sk_live_packagecheck0000000000000000000000'
    const server = await serve({ USERKIT_SECRET_KEY: key, USERKIT_PUBLIC_URL: 'https://users.example.com', USERKIT_SMTP_URL: 'smtp://127.0.0.1:9', USERKIT_MAIL_FROM: 'Test <test@example.com>' })
    try {
      const environment = (await (await fetch(`${server.url}/v1/environment`)).json()) as { display_config: { development: boolean } }
      expect(environment.display_config.development).toBe(false)
      const users = await fetch(`${server.url}/v1/users`, { headers: { authorization: `Bearer ${key}` } })
      expect(users.status).toBe(200)
      expect(await users.json()).toEqual([])
      expect((await fetch(`${server.url}/v1/users`)).status).toBe(401)
      const shell = await fetch(`${server.url}/dashboard/`)
      expect(shell.status).toBe(200)
      const html = await shell.text()
      const asset = /src="(\/dashboard\/assets\/[^"]+\.js)"/.exec(html)?.[1]
      expect(asset).toBeDefined()
      expect((await fetch(`${server.url}${asset}`)).status).toBe(200)
      // Production has no dev outbox.
      expect((await fetch(`${server.url}/dev/outbox.json`)).status).toBe(404)
    } finally {
      await server.stop()
    }
  }, 120_000)

  it('should run in development without the Dev OIDC provider installed', async () => {
    const server = await serve({ USERKIT_ENV: 'development' })
    try {
      expect(server.output()).toContain('Dev OIDC provider not started')
      expect((await fetch(`${server.url}/dev/outbox.json`)).status).toBe(200)
      expect(server.output()).toMatch(/Secret key \(kept in the database\): sk_test_/)
    } finally {
      await server.stop()
    }
  }, 120_000)
})
