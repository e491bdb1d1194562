// A throwaway PostgreSQL for tests and benches: initdb in a temp directory, listening on 127.0.0.1
// at a free port, stopped (and its directory removed) by the returned stop(). Debian's package is
// installed when missing and this runs as root (CI); as root the server runs as user postgres.
import { execFileSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { must, which } from './lib.mjs'

function findBinDir() {
  const root = '/usr/lib/postgresql'
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))
    if (versions[0]) return join(root, versions[0], 'bin')
  }
  const initdb = which('initdb')
  return initdb ? join(initdb, '..') : null
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** Finds or installs PostgreSQL; answers its bin directory, or null (with one line saying why) if it cannot. */
export async function ensurePostgres() {
  let bin = findBinDir()
  if (bin) return bin
  if (process.getuid?.() !== 0) {
    console.error('PostgreSQL is not installed: run `sudo apt-get install -y postgresql` for the PostgreSQL test pass.')
    return null
  }
  console.log("Installing Debian's postgresql package (the storage and API tests run on it too)…")
  await must('apt-get', ['update', '-qq'])
  await must('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'postgresql'], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
  bin = findBinDir()
  return bin
}

/**
 * Starts a fresh cluster; answers `{ url, stop }`. The settings trade durability for speed
 * (fsync off): it holds only test data and is deleted on stop.
 */
export async function startTempPostgres(bin) {
  const dir = mkdtempSync(join(tmpdir(), 'userkit-pg-'))
  const data = join(dir, 'data')
  const asRoot = process.getuid?.() === 0
  // initdb and postgres refuse to run as root.
  const run = (command, args) => {
    const full = join(bin, command)
    if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', full, ...args], { stdio: 'pipe', cwd: dir })
    else execFileSync(full, args, { stdio: 'pipe', cwd: dir })
  }
  if (asRoot) {
    const { uid, gid } = JSON.parse(execFileSync('sh', ['-c', 'printf \'{"uid":%s,"gid":%s}\' $(id -u postgres) $(id -g postgres)'], { encoding: 'utf8' }))
    chownSync(dir, uid, gid)
    chmodSync(dir, 0o700)
  }
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'])
  const port = await freePort()
  const options = `-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`
  run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start'])
  let stopped = false
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      if (stopped) return
      stopped = true
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}
