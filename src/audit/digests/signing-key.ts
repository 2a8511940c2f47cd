import type { KeyObject } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateEd25519PrivateKeyPem, parseEd25519PrivateKey } from '../../common/ed25519-keys.js';

/** The DI token of the Ed25519 private key digests are signed with. */
export const AUDIT_SIGNING_KEY = Symbol('AUDIT_SIGNING_KEY');

export const DEV_SIGNING_KEY_FILE = 'audit-signing-key.pem';

/**
 * Outside production, with no AUDIT_SIGNING_KEY, the key is generated once into DATA_DIR and read
 * back on every start, so digests signed before a restart still verify with the key served after
 * it. Instances starting together over one DATA_DIR agree on one key: it is written aside and
 * linked into place, which fails for all but the first.
 */
export function loadOrCreateSigningKey(dataDir: string): KeyObject {
  const file = join(dataDir, DEV_SIGNING_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const aside = `${file}.${process.pid}.tmp`;
    writeFileSync(aside, generateEd25519PrivateKeyPem(), { mode: 0o600 });
    chmodSync(aside, 0o600);
    try {
      linkSync(aside, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(aside);
    }
  }
  return parseEd25519PrivateKey(readFileSync(file, 'utf8'));
}

/** The configured key, or (outside production, where config may leave it unset) DATA_DIR's. */
export function signingKeyOf(audit: { signingKey?: string }, dataDir: string): KeyObject {
  return audit.signingKey ? parseEd25519PrivateKey(audit.signingKey) : loadOrCreateSigningKey(dataDir);
}
