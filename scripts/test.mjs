// `npm test`: every test. Installs Debian's Chromium when missing (as root), type-checks, builds
// the demo the e2e tests drive and runs all Vitest projects.
// Then the server and API suites run a second time on PostgreSQL (installed when missing, as
// root) in a temporary cluster on 127.0.0.1, stopped at the end. The last line is the total.
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
/** The counts of one Vitest JSON report, or null when none was written. */
const countsOf = async (file) => {
  try {
    const json = JSON.parse(await readFile(file, 'utf8'))
    // A file that fails before any test runs (an import error) counts as one failure.
    const brokenFiles = json.testResults.filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length
    return {
      passed: json.numPassedTests,
      failed: json.numFailedTests + brokenFiles,
      skipped: json.numPendingTests + json.numTodoTests,
    }
  } catch {
    return null
  }
}
const line = (c) => `${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''}`
const passes = [['all', await countsOf(report)]]

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
    passes.push(['postgresql', await countsOf(pgReport)])
  } else {
    console.log('PostgreSQL pass not run (PostgreSQL is not installed)')
    pgCode = 1
  }
}
// One line per pass, then the total alone on the last line.
console.log('')
const total = { passed: 0, failed: 0, skipped: 0 }
for (const [name, counts] of passes) {
  console.log(counts ? `${name}: ${line(counts)}` : `${name}: no test report was written`)
  for (const key of Object.keys(total)) total[key] += counts?.[key] ?? 0
}
console.log(line(total))
process.exit(code || pgCode || (passes.some(([, c]) => !c) ? 1 : 0))
