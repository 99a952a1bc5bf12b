// Sums the results of every test runner in .test-results/: xunit TRX files and vitest JSON reports.
// Prints every failed test by name (with the first line of its message), one line per runner, then, last,
// "N passed, N failed, N skipped". Exits 1 on any failure or a missing report.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const expected = ['dotnet', 'typecheck', 'boundaries', 'unit', 'e2e'];
const files = [];
const walk = (d) => {
  for (const name of readdirSync(d)) {
    const path = join(d, name);
    if (statSync(path).isDirectory()) walk(path);
    else files.push(path);
  }
};
walk(dir);

let passed = 0, failed = 0, skipped = 0;
const failures = [];
const firstLine = (text) => (text ?? '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'")
  .replace(/&amp;/g, '&').split('\n').map((l) => l.trim()).find((l) => l.length > 0)?.slice(0, 300) ?? '';
const seen = new Set();
const dotnet = { passed: 0, failed: 0, skipped: 0, files: 0 };
for (const file of files) {
  if (file.endsWith('.trx')) {
    const trx = readFileSync(file, 'utf8');
    for (const m of trx.matchAll(/<UnitTestResult\s[^>]*?testName="([^"]*)"[^>]*?outcome="(Failed|Error|Timeout|Aborted)"[^>]*>([\s\S]*?)<\/UnitTestResult>/g)) {
      failures.push(`FAILED (dotnet) ${firstLine(m[1])}: ${firstLine((m[3].match(/<Message>([\s\S]*?)<\/Message>/) ?? [])[1])}`);
    }
    const counters = trx.match(/<Counters\s[^>]*>/);
    if (!counters) continue;
    const get = (k) => Number((counters[0].match(new RegExp(`\\b${k}="(\\d+)"`)) ?? [0, 0])[1]);
    const p = get('passed'), f = get('failed') + get('error') + get('timeout') + get('aborted'), s = get('total') - get('executed');
    passed += p; failed += f; skipped += s; seen.add('dotnet');
    dotnet.passed += p; dotnet.failed += f; dotnet.skipped += s; dotnet.files++;
  } else if (file.endsWith('.json')) {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof report.numTotalTests !== 'number') continue;
    const p = report.numPassedTests ?? 0;
    // A suite that fails to load counts as a failure even though it ran no test.
    const f = (report.numFailedTests ?? 0) + (report.testResults ?? []).filter((r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0).length;
    const s = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    passed += p; failed += f; skipped += s;
    const name = file.split('/').pop().replace(/\.json$/, '');
    for (const suite of report.testResults ?? []) {
      if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0) failures.push(`FAILED (${name}) ${suite.name}: ${firstLine(suite.message)}`);
      for (const test of suite.assertionResults ?? []) {
        if (test.status === 'failed') failures.push(`FAILED (${name}) ${test.fullName ?? test.title}: ${firstLine((test.failureMessages ?? [])[0])}`);
      }
    }
    seen.add(name);
    console.log(`${name}: ${p} passed, ${f} failed, ${s} skipped`);
  }
}
for (const line of failures) console.log(line);
if (dotnet.files > 0) console.log(`dotnet (${dotnet.files} test projects): ${dotnet.passed} passed, ${dotnet.failed} failed, ${dotnet.skipped} skipped`);
for (const name of expected) {
  if (!seen.has(name)) {
    console.log(`${name}: no report (the runner did not run or crashed)`);
    failed += 1;
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
