import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ed25519PublicJwk, generateEd25519PrivateKeyPem } from '../../common/ed25519-keys.js';
import { DEV_SIGNING_KEY_FILE, loadOrCreateSigningKey, signingKeyOf } from './signing-key.js';

let dataDir: string;
beforeEach(() => {
  dataDir = join(mkdtempSync(join(tmpdir(), 'keyward-signing-key-')), 'data');
});
afterEach(() => rmSync(join(dataDir, '..'), { recursive: true, force: true }));

describe('the signing key outside production', () => {
  it('is generated once into DATA_DIR, readable by its owner only, and the same key on the next start', () => {
    const first = loadOrCreateSigningKey(dataDir);
    const file = join(dataDir, DEV_SIGNING_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(ed25519PublicJwk(loadOrCreateSigningKey(dataDir))).toEqual(ed25519PublicJwk(first));
  });

  it('is the configured AUDIT_SIGNING_KEY when there is one, and then nothing is written', () => {
    const pem = generateEd25519PrivateKeyPem();
    const key = signingKeyOf({ signingKey: pem }, dataDir);
    expect(key.asymmetricKeyType).toBe('ed25519');
    expect(() => statSync(join(dataDir, DEV_SIGNING_KEY_FILE))).toThrow();
  });
});
