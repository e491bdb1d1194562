// Builds a fixture app with Vite and sizes its output: first load (the entry and what it imports
// statically) apart from lazily loaded chunks, raw and gzip.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import react from '@vitejs/plugin-react'
import { build } from 'vite'

const here = fileURLToPath(new URL('.', import.meta.url))

async function sizeOf(file) {
  const bytes = await readFile(file)
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }
}

const add = (a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip })
const zero = () => ({ raw: 0, gzip: 0 })

/** @returns {{ firstJs, firstCss, lazyJs, lazyChunks: {file, raw, gzip}[] }} */
export async function measureFixture(name) {
  const root = join(here, 'fixtures', name)
  const outDir = join(here, '.out', name)
  await build({
    root,
    configFile: false,
    logLevel: 'silent',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, manifest: true, minify: true, modulePreload: { polyfill: false } },
  })
  const manifest = JSON.parse(await readFile(join(outDir, '.vite/manifest.json'), 'utf8'))
  const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry)
  const first = new Set()
  const css = new Set()
  const walk = (key) => {
    const chunk = manifest[key]
    if (!chunk || first.has(chunk.file)) return
    first.add(chunk.file)
    for (const c of chunk.css ?? []) css.add(c)
    for (const k of chunk.imports ?? []) walk(k)
  }
  walk(entryKey)
  const result = { firstJs: zero(), firstCss: zero(), lazyJs: zero(), lazyChunks: [] }
  for (const file of first) result.firstJs = add(result.firstJs, await sizeOf(join(outDir, file)))
  for (const file of css) result.firstCss = add(result.firstCss, await sizeOf(join(outDir, file)))
  const seen = new Set(first)
  for (const chunk of Object.values(manifest)) {
    if (seen.has(chunk.file) || !chunk.file.endsWith('.js')) continue
    seen.add(chunk.file)
    const size = await sizeOf(join(outDir, chunk.file))
    result.lazyJs = add(result.lazyJs, size)
    result.lazyChunks.push({ file: chunk.file, src: chunk.src ?? chunk.name ?? '', ...size })
  }
  return result
}

/** Measures the floor and the kit in one run. */
export async function measure() {
  const floor = await measureFixture('floor')
  const kit = await measureFixture('kit')
  return { floor, kit, overFloor: { raw: kit.firstJs.raw - floor.firstJs.raw, gzip: kit.firstJs.gzip - floor.firstJs.gzip } }
}

/** The goal for the whole kit on first load, over the floor. */
export const FIRST_LOAD_BUDGET_GZIP = 30 * 1024
