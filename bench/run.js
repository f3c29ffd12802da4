// `npm run bench [NAME...]`: run every bench/*.bench.js (or those whose name contains NAME).
import { readdirSync } from 'node:fs';

const filters = process.argv.slice(2);
const dir = new URL('./', import.meta.url);
const suites = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.js'))
  .filter((f) => filters.length === 0 || filters.some((name) => f.includes(name)))
  .sort();
if (suites.length === 0) console.log('no benchmark matched');
for (const file of suites) {
  console.log(`\n=== ${file} ===`);
  const suite = await import(new URL(file, dir).href);
  await suite.default();
}
