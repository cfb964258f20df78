// Prints one closing line over jest and Playwright results: "Summary: N passed, N failed, N skipped".
const { existsSync, readFileSync } = require('node:fs');

const [jestFile, e2eFile, ...flags] = process.argv.slice(2);
const opts = Object.fromEntries(flags.map((f) => f.split('=')));
let passed = 0;
let failed = 0;
let skipped = 0;
const notes = [];

if (existsSync(jestFile)) {
  const r = JSON.parse(readFileSync(jestFile, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
  // A test file that could not even start (syntax error, failed beforeAll) counts as a failure.
  const broken = r.testResults.filter((t) => t.status === 'failed' && t.assertionResults.every((a) => a.status !== 'failed')).length;
  failed += broken;
  notes.push(`jest ${r.numPassedTests}/${r.numTotalTests}${broken ? `, ${broken} suite(s) failed to run` : ''}`);
} else {
  failed += 1;
  notes.push('jest produced no results');
}

if (existsSync(e2eFile)) {
  const r = JSON.parse(readFileSync(e2eFile, 'utf8'));
  const s = r.stats ?? {};
  passed += s.expected ?? 0;
  failed += (s.unexpected ?? 0) + (s.flaky ?? 0);
  skipped += s.skipped ?? 0;
  notes.push(`e2e ${s.expected ?? 0}/${(s.expected ?? 0) + (s.unexpected ?? 0) + (s.flaky ?? 0) + (s.skipped ?? 0)}`);
  if ((r.errors ?? []).length) {
    failed += r.errors.length;
    notes.push(`e2e setup errors: ${r.errors.length}`);
  }
} else {
  failed += 1;
  notes.push('e2e produced no results');
}
if (opts['static-checks'] === '1') {
  failed += 1;
  notes.push('lint or type check failed');
}
if (opts.build === '1') notes.push('build failed');

console.log(`\n${notes.join('; ')}; ${opts.seconds ?? '?'} s`);
console.log(`Summary: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
