// The drift check: src/client.ts must be exactly what NSwag generates from the current openapi.yaml.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const packageDir = resolve(import.meta.dirname, '..');
const openApi = resolve(packageDir, '../../openapi.yaml');
const committed = resolve(packageDir, 'src/client.ts');
const workDir = mkdtempSync(join(tmpdir(), 'launchpath-contracts-'));

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** First differing line, so a failure says where the drift is without dumping two 400-line files. */
function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      return `line ${i + 1}:\n  committed:   ${a[i] ?? '<end of file>'}\n  regenerated: ${b[i] ?? '<end of file>'}`;
    }
  }
  return 'none';
}

describe('generated TypeScript client', () => {
  it('matches what NSwag generates from openapi.yaml (run `npm run generate -w @launchpath/contracts` if not)', () => {
    expect(existsSync(openApi), `missing ${openApi}`).toBe(true);
    const output = join(workDir, 'client.ts');
    const run = spawnSync(process.execPath, [join(packageDir, 'scripts/generate.mjs'), '--input', openApi, '--output', output], {
      encoding: 'utf8',
    });
    expect(run.status, `generator failed:\n${run.stdout}\n${run.stderr}`).toBe(0);

    const regenerated = readFileSync(output, 'utf8');
    const current = readFileSync(committed, 'utf8').replace(/\r\n/g, '\n');
    const difference = firstDifference(current, regenerated);
    expect(
      difference,
      `src/client.ts is stale: it differs from the client generated from openapi.yaml at ${difference}. ` +
        'Run `npm run generate -w @launchpath/contracts` and commit src/client.ts.',
    ).toBe('none');
    expect(regenerated).toBe(current);
  });
});
