#!/usr/bin/env node
// Verifies an audit export offline, with no database (README "Signed digests and offline verification"):
//   npm run audit:verify -- <export.ndjson> <digests.json> [--key jwk.json] [--allow-unsigned]
// Exit 0: valid. 1: not valid, naming the first bad event or digest. 2: the arguments or files are unusable.
// The checks are the service's own code (src/audit/digests, src/audit/chain/hash-chain.ts), built into dist/.
import { readFileSync } from 'node:fs';
import { buildIfStale } from './build-if-stale.mjs';

const USAGE = 'usage: npm run audit:verify -- <export.ndjson> <digests.json> [--key jwk.json] [--allow-unsigned]';

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const files = [];
  let keyFile;
  let allowUnsigned = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--key') keyFile = argv[++i] ?? fail(USAGE);
    else if (argv[i] === '--allow-unsigned') allowUnsigned = true;
    else if (argv[i].startsWith('--')) fail(`unknown option ${argv[i]}\n${USAGE}`);
    else files.push(argv[i]);
  }
  if (files.length !== 2) fail(USAGE);
  return { exportFile: files[0], digestsFile: files[1], keyFile, allowUnsigned };
}

function read(path, what) {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    return fail(`cannot read the ${what} ${path}: ${error.code ?? error.message}`);
  }
}

const args = parseArgs(process.argv.slice(2));
buildIfStale();
const dist = new URL('../dist/src/', import.meta.url);
const { parseExport } = await import(new URL('audit/digests/exported-event.js', dist).href);
const { verifyExport } = await import(new URL('audit/digests/offline-verification.js', dist).href);
const { describeVerification, parseDigestsFile, pickJwk } = await import(new URL('audit/digests/verification-report.js', dist).href);
const { ed25519PublicKeyFromJwk } = await import(new URL('common/ed25519-keys.js', dist).href);

let events;
try {
  events = parseExport(read(args.exportFile, 'export'));
} catch (error) {
  fail(`the export ${args.exportFile}: ${error.message}`);
}
let digestsFile;
try {
  digestsFile = parseDigestsFile(read(args.digestsFile, 'digests file'));
} catch (error) {
  fail(`the digests file ${args.digestsFile} ${error.message}`);
}
const wantedKid = digestsFile.digests[0]?.keyId;
let jwk;
let from;
if (args.keyFile) {
  try {
    jwk = pickJwk(JSON.parse(read(args.keyFile, 'key file')), wantedKid);
  } catch (error) {
    fail(`the key file ${args.keyFile} is not JSON: ${error.message}`);
  }
  from = 'key-file';
} else if (digestsFile.key) {
  jwk = digestsFile.key;
  from = 'digests-file';
} else {
  fail(`no key: pass --key with the JWK from /.well-known/keyward-audit-key\n${USAGE}`);
}
let key;
try {
  key = ed25519PublicKeyFromJwk(jwk);
} catch (error) {
  fail(`the key ${error.message}`);
}

const result = verifyExport(events, digestsFile.digests, { key, allowUnsigned: args.allowUnsigned });
const lines = describeVerification(result, { from, kid: key.kid });
process.stdout.write(`${lines.join('\n')}\n`);
process.exit(result.valid ? 0 : 1);
