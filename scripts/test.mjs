// `npm test`: every test. Installs Debian's Chromium when missing (as root), type-checks, builds
// the demo the e2e tests drive, runs all Vitest projects, then prints one closing count line.
import { readFile, rm } from 'node:fs/promises'
import { ensureChromium, must, run } from './lib.mjs'

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
try {
  const json = JSON.parse(await readFile(report, 'utf8'))
  const skipped = json.numPendingTests + json.numTodoTests
  console.log(`\n${json.numPassedTests} passed, ${json.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`)
} catch {
  console.log('\nno test report was written')
}
process.exit(code)
