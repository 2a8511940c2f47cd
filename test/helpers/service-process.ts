import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildIfStale } from '../../scripts/build-if-stale.mjs';
import { TEST_SECRETS } from './app.js';
import { Api } from './http.js';
import { freePort } from './ports.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServiceProcess {
  api: Api;
  url: string;
  port: number;
  child: ChildProcess;
  output(): string;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
}

/** Environment for a spawned service: nothing from the test runner's own database settings leaks in. */
function cleanEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...TEST_SECRETS, NODE_ENV: 'test', LOG_LEVEL: 'info' };
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete base[name];
    else base[name] = value;
  }
  return base;
}

/**
 * Runs the built service (`node dist/src/main.js`) as its own process, the way `npm start` does:
 * from this checkout, or from `cwd` (a clone made by makeClone).
 */
export async function spawnService(env: Record<string, string | undefined>, options: { waitUntilListening?: boolean; cwd?: string } = {}): Promise<ServiceProcess> {
  buildIfStale();
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(process.execPath, ['dist/src/main.js'], { cwd: options.cwd ?? ROOT, env: cleanEnv({ HOST: '127.0.0.1', ...env, PORT: String(port) }), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  const waitForOutput = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = output.match(pattern);
        if (match) {
          listeners.delete(check);
          clearTimeout(timer);
          resolve(match);
        }
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`timed out waiting for ${pattern}; output so far:\n${output.slice(-3000)}`));
      }, timeoutMs);
      listeners.add(check);
      void exited.then(() => setTimeout(() => {
        if (listeners.has(check)) {
          listeners.delete(check);
          clearTimeout(timer);
          reject(new Error(`service exited before ${pattern}; output:\n${output.slice(-3000)}`));
        }
      }, 50));
      check();
    });

  const url = `http://127.0.0.1:${port}`;
  const service: ServiceProcess = {
    api: new Api(url),
    url,
    port,
    child,
    output: () => output,
    waitForOutput,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  if (options.waitUntilListening !== false) {
    await waitUntilAnswering(service).catch(async (error: unknown) => {
      await service.stop('SIGKILL');
      throw error;
    });
  }
  return service;
}

/** Polls /api/v1/ping until the service answers (or fails if it exits first). */
async function waitUntilAnswering(service: ServiceProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null) throw new Error(`service exited with ${service.child.exitCode}; output:\n${service.output().slice(-3000)}`);
    const answered = await fetch(`${service.url}/api/v1/ping`).then((res) => res.ok, () => false);
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`service did not answer within ${timeoutMs} ms; output:\n${service.output().slice(-3000)}`);
}
