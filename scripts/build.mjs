// Builds what the repository ships, by target (`node scripts/build.mjs [kit] [server] [demo] [dashboard]`;
// kit, server and demo by default):
//   kit     the `userkit` package: ESM + .d.ts under dist/, one dist/styles.css
//   server  the `@userkit/server` package: ESM + .d.ts under server/dist/ (with its own copy of
//           the wire contract), and the users dashboard built into it (server/dist/dashboard-app)
//   demo    the demo app (demo/dist), which `npm start` serves
//   dashboard  the users dashboard alone (dashboard/dist), which `npm start` serves from the checkout
// Each package's `prepack` runs its own target, so `npm pack` always ships a fresh build.
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { must } from './lib.mjs'

// The repository root, whichever package's folder npm runs this from.
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const at = (path) => join(root, path)
const targets = process.argv.length > 2 ? process.argv.slice(2) : ['kit', 'server', 'demo']

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
  const files = [at('src/styles/tokens.css'), ...(await cssFiles(at('src/components')))]
  const parts = await Promise.all(files.map(async (f) => `/* ${f.slice(root.length + 1)} */\n${await readFile(f, 'utf8')}`))
  await mkdir(dirname(outFile), { recursive: true })
  await writeFile(outFile, parts.join('\n'))
  // Types for `import 'userkit/styles.css'`, so apps that check side-effect imports compile without a bundler's typings.
  await writeFile(outFile.replace(/\.css$/, '.d.css.ts'), '// The kit\'s stylesheet: imported for its side effect only.\nexport {}\n')
}

const vite = (config) => must('npx', ['vite', 'build', '--config', at(config), '--logLevel', 'warn'], { cwd: root })

for (const target of targets) {
  if (target === 'kit') {
    await rm(at('dist'), { recursive: true, force: true })
    await must('npx', ['tsc', '-p', at('tsconfig.build.json')], { cwd: root })
    await buildStyles(at('dist/styles.css'))
  } else if (target === 'server') {
    await rm(at('server/dist'), { recursive: true, force: true })
    await must('npx', ['tsc', '-p', at('server/tsconfig.build.json')], { cwd: root })
    await vite('dashboard/vite.config.ts')
    await cp(at('dashboard/dist'), at('server/dist/dashboard-app'), { recursive: true })
  } else if (target === 'demo') {
    await vite('demo/vite.config.ts')
  } else if (target === 'dashboard') {
    await vite('dashboard/vite.config.ts')
  } else {
    console.error(`build: unknown target "${target}" (kit, server, demo or dashboard)`)
    process.exit(1)
  }
}
