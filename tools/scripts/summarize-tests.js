// Prints one closing line over every runner's results: "Summary: N passed, N failed, N skipped".
// Arguments: `jest:<label>=<file>` and `e2e:<label>=<file>` result files (a missing file counts as
// one failure: that stage did not run or crashed), then `key=value` flags.
const { existsSync, readFileSync } = require('node:fs');

let passed = 0;
let failed = 0;
let skipped = 0;
const notes = [];
const opts = {};

function jestResults(label, file) {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
  // A test file that could not even start (syntax error, failed beforeAll) counts as a failure.
  const broken = r.testResults.filter((t) => t.status === 'failed' && t.assertionResults.every((a) => a.status !== 'failed')).length;
  failed += broken;
  notes.push(`${label} ${r.numPassedTests}/${r.numTotalTests}${broken ? `, ${broken} suite(s) failed to run` : ''}`);
}

function e2eResults(label, file) {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const s = r.stats ?? {};
  passed += s.expected ?? 0;
  failed += (s.unexpected ?? 0) + (s.flaky ?? 0);
  skipped += s.skipped ?? 0;
  notes.push(`${label} ${s.expected ?? 0}/${(s.expected ?? 0) + (s.unexpected ?? 0) + (s.flaky ?? 0) + (s.skipped ?? 0)}`);
  if ((r.errors ?? []).length) {
    failed += r.errors.length;
    notes.push(`${label} setup errors: ${r.errors.length}`);
  }
}

for (const arg of process.argv.slice(2)) {
  const runner = /^(jest|e2e):([^=]+)=(.*)$/.exec(arg);
  if (!runner) {
    const [key, value] = arg.split('=');
    opts[key] = value;
    continue;
  }
  const [, kind, label, file] = runner;
  if (!existsSync(file)) {
    failed += 1;
    notes.push(`${label} produced no results`);
    continue;
  }
  (kind === 'jest' ? jestResults : e2eResults)(label, file);
}

if (opts['static-checks'] === '1') {
  failed += 1;
  notes.push('lint or type check failed');
}
if (opts.build === '1') notes.push('build failed');

console.log(`\n${notes.join('; ')}; ${opts.seconds ?? '?'} s`);
console.log(`Summary: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
