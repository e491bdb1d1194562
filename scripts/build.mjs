// Builds the package (ESM + .d.ts under dist/, one dist/styles.css), the demo app (demo/dist) and the
// users dashboard (dashboard/dist).
import { readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { must } from './lib.mjs'

const only = process.argv[2] // 'package' | 'demo' | undefined (both)

async function cssFiles(dir) {
  const out = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await cssFiles(path)))
    else if (entry.name.endsWith('.css')) out.push(path)
  }
  return out.sort()
}

/** tokens.css first, then every component's stylesheet in a stable order. */
export async function buildStyles(outFile) {
  const files = ['src/styles/tokens.css', ...(await cssFiles('src/components'))]
  const parts = await Promise.all(files.map(async (f) => `/* ${f} */\n${await readFile(f, 'utf8')}`))
  await mkdir('dist', { recursive: true })
  await writeFile(outFile, parts.join('\n'))
}

if (only !== 'demo') {
  await rm('dist', { recursive: true, force: true })
  await must('npx', ['tsc', '-p', 'tsconfig.build.json'])
  await buildStyles('dist/styles.css')
}
if (only !== 'package') {
  await must('npx', ['vite', 'build', '--config', 'demo/vite.config.ts', '--logLevel', 'warn'])
  await must('npx', ['vite', 'build', '--config', 'dashboard/vite.config.ts', '--logLevel', 'warn'])
}
