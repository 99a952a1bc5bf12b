// Starting and stopping the real API and the Vite dev server for the browser tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { ViteDevServer } from 'vite';

export const clientDir = resolve(import.meta.dirname, '..');
export const repoDir = resolve(clientDir, '..');
export const artifactsDir = join(clientDir, 'e2e', 'artifacts');
export const apiDll = process.env.LAUNCHPATH_API_DLL || join(repoDir, 'api', 'bin', 'Release', 'net10.0', 'LaunchPath.Api.dll');

/** A TCP port that was free a moment ago on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createNetServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningApi {
  url: string;
  stop: () => Promise<void>;
}

/** The platform administrator the API creates on start (Bootstrap:AdminEmail / Bootstrap:AdminPassword). */
export interface AdminAccount {
  email: string;
  /** At least 12 characters. */
  password: string;
}

export interface ApiOptions {
  /** Seed the fictional demo data (Demo:Seed): the demo accounts of README.md, with password "launchpath-demo". */
  demo?: boolean;
  /**
   * Production mode: ASPNETCORE_ENVIRONMENT=Production, keys in the database, and the built SPA at this path served
   * by the API itself (Spa:Path), so the API's origin is the whole product.
   */
  productionSpa?: string;
  /** More settings for the API (environment variables), e.g. the SMTP server messages go to. */
  env?: Record<string, string>;
}

/** The demo accounts' password (README.md). */
export const demoPassword = 'launchpath-demo';

/**
 * Starts the built API on a fresh SQLite database, with a bootstrap platform administrator (and, with `demo`, the
 * demo data), and waits until /health/ready answers 200. The sign-in rate limit is raised to 1,000 a minute: every
 * story signs in through the sign-in page, from the same address.
 */
export async function startApi(logFile: string, admin: AdminAccount, options: ApiOptions = {}): Promise<RunningApi> {
  if (!existsSync(apiDll)) {
    throw new Error(
      `The API is not built: ${apiDll} does not exist.\n` +
        'Build it first: dotnet build -c Release api/LaunchPath.Api.csproj (scripts/test does this), or set LAUNCHPATH_API_DLL.',
    );
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'launchpath-e2e-'));
  const log = createWriteStream(logFile);
  const child = spawn('dotnet', [apiDll], {
    cwd: dirname(apiDll), // the content root, where appsettings.json lives
    env: {
      ...process.env,
      ASPNETCORE_URLS: url,
      ASPNETCORE_ENVIRONMENT: options.productionSpa ? 'Production' : 'Development',
      ...(options.productionSpa ? { Spa__Path: options.productionSpa } : {}),
      Database__Provider: 'Sqlite',
      Database__ConnectionString: `Data Source=${join(dataDir, 'e2e.db')}`,
      Demo__Seed: options.demo ? 'true' : 'false',
      RateLimits__SignInPerMinute: '1000',
      Bootstrap__AdminEmail: admin.email,
      Bootstrap__AdminPassword: admin.password,
      // Development: a key of its own. Production mode: the keys the nodes share in the database.
      ...(options.productionSpa ? {} : { Auth__SigningKey: randomBytes(32).toString('base64') }),
      DOTNET_CLI_TELEMETRY_OPTOUT: '1',
      DOTNET_NOLOGO: '1',
      // Nothing is sent unless a story runs a mail server and says where it is.
      Messaging__SenderEnabled: 'false',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);

  const stop = async () => {
    await stopProcess(child);
    log.end();
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForReady(`${url}/health/ready`, child, logFile, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

async function waitForReady(healthUrl: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The API exited (${child.exitCode ?? child.signalCode}) before it was ready. Its log:\n${tail(logFile)}`);
    }
    try {
      const response = await fetch(healthUrl, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The API was not ready at ${healthUrl} within ${timeoutMs / 1000}s (last: ${last}). Its log:\n${tail(logFile)}`);
}

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** SIGTERM, then SIGKILL if the process has not exited within `graceMs`. */
export function stopProcess(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

/**
 * The client's own Vite config, served on a free port with /api and /health proxied to `apiUrl`. A second server
 * passes its own `cacheDir`, so the two never optimise dependencies into the same folder at once. `chosenPort`: a
 * port picked before the API started (its public address, for the links in the emails background jobs write).
 */
export async function startVite(apiUrl: string, cacheDir?: string, chosenPort?: number): Promise<{ url: string; server: ViteDevServer }> {
  const { createServer } = await import('vite');
  process.env.LAUNCHPATH_API_URL = apiUrl; // read by vite.config.ts
  const port = chosenPort ?? (await freePort());
  const server = await createServer({
    configFile: join(clientDir, 'vite.config.ts'),
    root: clientDir,
    logLevel: 'warn',
    clearScreen: false,
    ...(cacheDir ? { cacheDir } : {}),
    server: { host: '127.0.0.1', port, strictPort: true, watch: null },
  });
  await server.listen();
  return { url: `http://127.0.0.1:${port}`, server };
}
