// `npm run bench:bundle`: the kit's bytes next to the floor (react, react-dom, TanStack Query and the
// two Radix packages bundled the same way).
import { execFileSync } from 'node:child_process'
import { FIRST_LOAD_BUDGET_GZIP, measure } from './bundle-size.mjs'

execFileSync('node', ['scripts/build.mjs', 'kit'], { stdio: 'inherit' })
const { floor, kit, overFloor } = await measure()

const kib = (n) => `${(n / 1024).toFixed(2)} KiB`
const row = (label, s) => `${label.padEnd(34)} ${kib(s.raw).padStart(12)} ${kib(s.gzip).padStart(12)}`
console.log(`\n${''.padEnd(34)} ${'raw'.padStart(12)} ${'gzip'.padStart(12)}`)
console.log(row('floor: first-load JS', floor.firstJs))
console.log(row('kit app: first-load JS', kit.firstJs))
console.log(row('kit over floor: first-load JS', overFloor))
console.log(row('kit: CSS (userkit/styles.css)', kit.firstCss))
console.log(row('kit: lazy JS, all chunks', kit.lazyJs))
for (const chunk of kit.lazyChunks) console.log(row(`  lazy ${chunk.src || chunk.file}`, chunk))
const verdict = overFloor.gzip <= FIRST_LOAD_BUDGET_GZIP ? 'within' : 'OVER'
console.log(`\nfirst load over floor: ${kib(overFloor.gzip)} gzip, ${verdict} the ${kib(FIRST_LOAD_BUDGET_GZIP)} goal`)
