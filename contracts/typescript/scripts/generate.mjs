// Generates src/client.ts from the repository's openapi.yaml with NSwag (the npm package runs the .NET tool).
// Usage: node scripts/generate.mjs [--input <openapi.yaml>] [--output <client.ts>]
// The drift test calls generate() with a temporary output and compares it with the committed file.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const defaultInput = resolve(packageDir, '../../openapi.yaml');
export const defaultOutput = resolve(packageDir, 'src/client.ts');

/** The NSwag options in one place, so `npm run generate` and the drift test cannot disagree. */
export const nswagOptions = [
  '/runtime:Net100',
  '/template:Fetch',
  '/operationGenerationMode:SingleClientFromOperationId',
  '/className:LaunchPathClient',
  '/generateClientClasses:true',
  '/generateClientInterfaces:true',
  '/generateDtoTypes:true',
  '/typeStyle:Interface',
  '/enumStyle:StringLiteral',
  '/dateTimeType:String',
  '/nullValue:Null',
  '/markOptionalProperties:true',
  '/generateOptionalParameters:true',
  '/useAbortSignal:true',
  '/typeScriptVersion:5.0',
];

function nswagBin() {
  const require = createRequire(import.meta.url);
  return resolve(dirname(require.resolve('nswag/package.json')), 'bin/nswag.js');
}

/** Runs NSwag and writes the client to `output` with LF line endings. Throws with NSwag's output on failure. */
export function generate({ input = defaultInput, output = defaultOutput } = {}) {
  if (!existsSync(input)) {
    throw new Error(`OpenAPI document not found: ${input}`);
  }
  const result = spawnSync(
    process.execPath,
    [nswagBin(), 'openapi2tsclient', ...nswagOptions, `/input:${input}`, `/output:${output}`],
    { encoding: 'utf8', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' } },
  );
  if (result.status !== 0 || !existsSync(output)) {
    throw new Error(`NSwag failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  const text = readFileSync(output, 'utf8').replace(/\r\n/g, '\n');
  writeFileSync(output, text);
  return output;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name) => {
    const index = args.indexOf(name);
    return index >= 0 ? resolve(args[index + 1]) : undefined;
  };
  try {
    const written = generate({ input: option('--input'), output: option('--output') });
    console.log(`Generated ${written}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
