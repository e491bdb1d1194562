// `npm start`: builds the demo app and the dashboard, then runs the server from source (embedded
// PGlite, development mode: the dev outbox, the demo user and the Dev OIDC provider), serving the demo at /.
import { spawn } from 'node:child_process'
import { must } from './lib.mjs'

await must('node', ['scripts/build.mjs', 'demo', 'dashboard'])
const server = spawn('node', ['--import', 'tsx', 'demo/server.ts'], {
  stdio: 'inherit',
  env: { USERKIT_ENV: 'development', USERKIT_DEMO_DIR: 'demo/dist', ...process.env },
})
// The server closes its database on these signals; pass them on and wait for it to finish.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
// `kill <npm's pid>` ends npm without passing the signal on; stop the server when our parent is gone.
const parent = process.ppid
setInterval(() => {
  if (process.ppid !== parent) server.kill('SIGTERM')
}, 1000).unref()
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)))
