// `npm test`: every test. Installs Debian's Chromium when missing (as root), type-checks, builds
// the demo the e2e tests drive, runs all Vitest projects, then prints one closing count line.
// Then the server and API suites run a second time on PostgreSQL (installed when missing, as
// root) in a temporary cluster on 127.0.0.1, stopped at the end.
import { readFile, rm } from 'node:fs/promises'
import { ensureChromium, must, run } from './lib.mjs'
import { ensurePostgres, startTempPostgres } from './postgres.mjs'

await ensureChromium()
// React 18.3 for the react18 project, installed apart from the app's React 19.
await must('npm', ['ci', '--prefix', 'test/react18', '--no-audit', '--no-fund', '--silent'])
await must('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit'])
await must('node', ['scripts/build.mjs'])
await must('node', ['scripts/check-bundle.mjs'])

const report = 'test-results/vitest.json'
await rm(report, { force: true })
const code = await run('npx', [
  'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2),
])
const summary = async (file, label = '') => {
  try {
    const json = JSON.parse(await readFile(file, 'utf8'))
    const skipped = json.numPendingTests + json.numTodoTests
    return `${json.numPassedTests} passed, ${json.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}${label}`
  } catch {
    return `no test report was written${label}`
  }
}
const lines = [await summary(report)]

// The PostgreSQL pass: on a full run, or when the node project was asked for.
const args = process.argv.slice(2)
let pgCode = 0
if (args.length === 0 || args.includes('node')) {
  const bin = await ensurePostgres()
  if (bin) {
    const pgReport = 'test-results/vitest-postgres.json'
    await rm(pgReport, { force: true })
    const postgres = await startTempPostgres(bin)
    const stop = () => postgres.stop()
    process.once('SIGINT', () => (stop(), process.exit(130)))
    process.once('SIGTERM', () => (stop(), process.exit(143)))
    try {
      console.log(`\nThe server and API suites again, on PostgreSQL (${postgres.url})`)
      pgCode = await run(
        'npx',
        ['vitest', 'run', '--project', 'node', 'test/server', 'test/api', '--reporter=default', '--reporter=json', `--outputFile.json=${pgReport}`],
        { env: { ...process.env, USERKIT_TEST_DATABASE_URL: postgres.url } },
      )
    } finally {
      stop()
    }
    lines.push(await summary(pgReport, ' on PostgreSQL'))
  } else {
    lines.push('PostgreSQL pass not run (PostgreSQL is not installed)')
    pgCode = 1
  }
}
console.log(`\n${lines.join('\n')}`)
process.exit(code || pgCode)
