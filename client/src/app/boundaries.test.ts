// The import-boundary lint (eslint.config.js) on planted code: it must refuse a feature importing another feature,
// shared code importing a feature, and a feature importing the app, and accept the same code importing src/shared.
import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const client = resolve(import.meta.dirname, '../..');

async function problems(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: client });
  const [result] = await eslint.lintText(code, { filePath: resolve(client, file) });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the client dependency rule', () => {
  it('refuses a feature importing another feature', async () => {
    const found = await problems('src/features/opportunities/planted.ts', "import { parseList } from '../people/preferences';\nexport const x = parseList('a');\n");
    expect(found).toEqual([expect.stringMatching(/^boundaries\/dependencies: .*name="opportunities".*name="people"/)]);
  });

  it('refuses shared code importing a feature, and a feature importing the app', async () => {
    expect(await problems('src/shared/planted.ts', "import { parseList } from '../features/people/preferences';\nexport const x = parseList('a');\n")).toHaveLength(1);
    expect(await problems('src/features/people/planted.ts', "import { App } from '../../app/App';\nexport const x = App;\n")).toHaveLength(1);
  });

  it('refuses table markup in a feature (pages use the shared DataTable)', async () => {
    const found = await problems('src/features/people/Planted.tsx', 'export const T = () => <table><tbody /></table>;\n');
    expect(found).toEqual([expect.stringMatching(/^no-restricted-syntax: Use the shared DataTable/)]);
    expect(await problems('src/shared/components/Planted.tsx', 'export const T = () => <table><tbody /></table>;\n')).toEqual([]);
  });

  it('accepts what lives in shared, and a feature’s own files', async () => {
    expect(await problems('src/features/opportunities/planted.ts', "import { parseList } from '../../shared/format';\nimport { checkDraft } from './opportunityForm';\nexport const x = [parseList, checkDraft];\n")).toEqual([]);
  });
});
