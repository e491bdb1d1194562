// A budget, not a benchmark: fails when the kit's first load grows past the goal over the floor.
// Expects the package to be built already (npm test builds it first).
import { FIRST_LOAD_BUDGET_GZIP, measure } from '../bench/bundle-size.mjs'

const { overFloor } = await measure()
const kib = (n) => (n / 1024).toFixed(2)
if (overFloor.gzip > FIRST_LOAD_BUDGET_GZIP) {
  console.error(`bundle budget: first load is ${kib(overFloor.gzip)} KiB gzip over the floor; the budget is ${kib(FIRST_LOAD_BUDGET_GZIP)} KiB`)
  process.exit(1)
}
console.log(`bundle budget: ${kib(overFloor.gzip)} KiB gzip over the floor (budget ${kib(FIRST_LOAD_BUDGET_GZIP)} KiB)`)
