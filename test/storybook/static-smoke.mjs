// Checks that a static Storybook build works from a plain static file server, live stories
// included: serves the build's parent folder with `python3 -m http.server` on 127.0.0.1 (so the
// build sits in a sub-folder and every URL must be relative), opens a live story in headless
// Chromium (its play function signs in and edits the name on the in-page server), waits for the
// result and saves a screenshot.
//
//   node test/storybook/static-smoke.mjs [storybook-static] [screenshot.png]
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'
import { basename, dirname, resolve } from 'node:path'
import { chromium } from 'playwright-core'

const dir = resolve(process.argv[2] ?? 'storybook-static')
const shot = resolve(process.argv[3] ?? 'test-results/storybook-static-live.png')
const base = `/${basename(dir)}`
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

const port = await new Promise((done) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address()
    probe.close(() => done(port))
  })
})
const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dirname(dir)], { stdio: 'ignore' })
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] })
let failed = false
try {
  // Wait for the file server.
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}${base}/iframe.html`)).ok) break
    } catch {}
    if (i > 50) throw new Error('the static file server did not start')
    await new Promise((r) => setTimeout(r, 100))
  }
  const page = await browser.newPage({ viewport: { width: 1100, height: 800 } })
  const errors = []
  page.on('pageerror', (e) => errors.push(String(e)))
  page.on('response', (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`))
  await page.goto(`http://127.0.0.1:${port}${base}/iframe.html?id=live-account--sign-in-and-edit-name&viewMode=story`)
  // The play function ends by showing the new name in the Manage account dialog.
  await page.getByRole('dialog').getByText('Augusta Lovelace').waitFor({ timeout: 60_000 })
  await page.screenshot({ path: shot })
  if (errors.length) throw new Error(`page errors or failed requests:\n${errors.join('\n')}`)
  console.log(`live story ran from the static build; screenshot: ${shot}`)
} catch (error) {
  failed = true
  console.error(error)
} finally {
  await browser.close()
  server.kill()
  await once(server, 'exit')
}
process.exit(failed ? 1 : 0)
