// Make a DPoP proof JWT (RFC 9449) for manual testing with curl.
//
// Usage: node tests/server/make-proof.mjs HTM HTU [NONCE] [ACCESS_TOKEN] [options]
//   NONCE / ACCESS_TOKEN may be "" or "-" to leave them out.
// Options:
//   --key FILE     private key (JWK JSON) to sign with; created if missing.
//                  Default: $DPOP_KEY_FILE or <tmpdir>/libdpop-make-proof-key.json
//   --new-key      replace the key file with a fresh key
//   --iat N        use this iat instead of now (e.g. to test the iat window)
//   --jti X        use this jti instead of a random one (e.g. to test replay)
//   --jkt          print the key's JWK SHA-256 thumbprint instead of a proof
//   --decode       print the proof's header and claims as JSON to stderr too
//
// The key persists between runs so that a token request proof and the
// resource proofs are signed with the same key (the token is bound to it).

import * as crypto from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as jose from 'jose';

const positional = [];
const opts = {};
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--key' || a === '--iat' || a === '--jti') opts[a.slice(2)] = args[++i];
  else if (a === '--new-key' || a === '--jkt' || a === '--decode') opts[a.slice(2)] = true;
  else positional.push(a);
}

const keyFile = opts.key || process.env.DPOP_KEY_FILE || path.join(tmpdir(), 'libdpop-make-proof-key.json');
let privateJwk;
if (!opts['new-key'] && existsSync(keyFile)) {
  privateJwk = JSON.parse(readFileSync(keyFile, 'utf8'));
} else {
  const { privateKey } = await jose.generateKeyPair('ES256', { extractable: true });
  privateJwk = await jose.exportJWK(privateKey);
  writeFileSync(keyFile, JSON.stringify(privateJwk), { mode: 0o600 });
}
const { d, ...publicJwk } = privateJwk;

if (opts.jkt) {
  process.stdout.write(`${await jose.calculateJwkThumbprint(publicJwk, 'sha256')}\n`);
  process.exit(0);
}

const [htm, htu, nonce, accessToken] = positional;
if (!htm || !htu) {
  console.error('usage: node make-proof.mjs HTM HTU [NONCE|-] [ACCESS_TOKEN|-] [--key FILE] [--new-key] [--iat N] [--jti X] [--jkt] [--decode]');
  process.exit(2);
}
const present = (v) => v !== undefined && v !== '' && v !== '-';

const claims = {
  jti: opts.jti || crypto.randomBytes(16).toString('base64url'),
  htm,
  htu,
  iat: opts.iat !== undefined ? Number(opts.iat) : Math.floor(Date.now() / 1000),
};
if (present(nonce)) claims.nonce = nonce;
if (present(accessToken)) claims.ath = crypto.createHash('sha256').update(accessToken, 'ascii').digest('base64url');

const key = await jose.importJWK(privateJwk, 'ES256');
const proof = await new jose.CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
  .setProtectedHeader({ typ: 'dpop+jwt', alg: 'ES256', jwk: publicJwk })
  .sign(key);
if (opts.decode) console.error(JSON.stringify({ header: { typ: 'dpop+jwt', alg: 'ES256', jwk: publicJwk }, claims }, null, 2));
process.stdout.write(`${proof}\n`);
