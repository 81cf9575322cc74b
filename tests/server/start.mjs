// Test servers for libdpop's integration tests.
//
// Starts, all on 127.0.0.1 with OS-assigned ports:
//   * AS "dpop"   - oidc-provider, client_credentials, DPoP (nonces required by
//                   default; proofs signed with any of DPOP_ALGS), RFC 9068 JWT
//                   access tokens (ES256) for the RS. Clients with secrets, and
//                   one with private_key_jwt whose keys are made at start.
//                   Also a web client, web.dpop (client_secret_post, DPoP-bound):
//                   authorization_code and refresh_token grants; a refresh token
//                   when offline_access was granted. Its end-user interactions
//                   (login, consent) are completed at once for the fixed user
//                   TEST_USER, so the admin API can get codes without a browser.
//                   Plain HTTP and HTTPS listeners.
//   * AS "bearer" - oidc-provider with DPoP disabled, plain Bearer JWT access
//                   tokens for the same RS. Plain HTTP and HTTPS listeners.
//   * RS          - node:http resource server verifying access tokens with
//                   oauth4webapi.validateJwtAccessToken plus its own strict DPoP
//                   proof checks (jose), jti replay cache and its own nonce.
//                   Plain HTTP and HTTPS listeners. Admin API under /__admin/
//                   (handleAdmin; tests/server/README.md): stats, proofs,
//                   requests, config, reset, info, and
//                   POST /__admin/authorization_code {client_id, redirect_uri,
//                   scope?, resource?, ...any other authorization request
//                   parameter}: runs the authorization code flow at AS "dpop"
//                   over HTTP (GET /auth with prompt=consent, the interactions,
//                   back to /auth/<uid>) and answers {code, state, iss}.
//
// When everything listens, ONE line of JSON is written to stdout. Everything
// else goes to stderr. The process exits when stdin closes (unless started with
// --keep-alive), on SIGTERM and on SIGINT.
//
// Usage: node tests/server/start.mjs [--keep-alive] [--quiet]
//   LIBDPOP_TEST_SERVER_QUIET=1   same as --quiet (no per-request log lines)

import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

// Keep stdout clean for the ready line: oidc-provider prints notices with
// console.info, which goes to stdout by default.
console.log = console.error;
console.info = console.error;
console.debug = console.error;

const { default: Provider, errors: oidcErrors } = await import('oidc-provider');
const oauth = await import('oauth4webapi');
const jose = await import('jose');

const argv = new Set(process.argv.slice(2));
const KEEP_ALIVE = argv.has('--keep-alive');
const QUIET = argv.has('--quiet') || process.env.LIBDPOP_TEST_SERVER_QUIET === '1';
const HOST = '127.0.0.1';
const SCOPE = 'api';
const CLIENT_SECRET = 'secret';
// The web client (authorization code flow): what it may ask for, where codes go
// (nothing listens there: the admin API reads the redirect), and the end-user
// every interaction logs in.
const WEB_CLIENT_ID = 'web.dpop';
const WEB_SCOPE = `openid offline_access ${SCOPE}`;
const WEB_REDIRECT_URI = 'http://127.0.0.1/callback';
const TEST_USER = 'test-user';
const MAX_LOG = 200;
// DPoP proof algorithms both servers accept, and the key each needs (RFC 7518, RFC 8037).
const DPOP_ALGS = Object.freeze({
  ES256: { kty: 'EC', crv: 'P-256' },
  ES384: { kty: 'EC', crv: 'P-384' },
  ES512: { kty: 'EC', crv: 'P-521' },
  PS256: { kty: 'RSA' },
  RS256: { kty: 'RSA' },
  EdDSA: { kty: 'OKP', crv: 'Ed25519' },
});

function log(...args) {
  console.error(`[test-server ${new Date().toISOString()}]`, ...args);
}
function vlog(...args) {
  if (!QUIET) log(...args);
}

const epoch = () => Math.floor(Date.now() / 1000);
const b64u = (buf) => Buffer.from(buf).toString('base64url');
const sha256b64u = (s) => crypto.createHash('sha256').update(s, 'ascii').digest('base64url');

// ---------------------------------------------------------------------------
// Mutable state (config, stats, logs)
// ---------------------------------------------------------------------------

const DEFAULT_CONFIG = Object.freeze({
  access_token_ttl: 3600, // seconds, client_credentials access tokens, both ASes
  as_require_nonce: true, // AS "dpop" token endpoint requires a DPoP nonce
  rs_require_nonce: true, // RS requires its own DPoP nonce
  rs_iat_window: 60, // RS: max |now - iat| in seconds for DPoP proofs
  rs_reject_next: [], // RS: errors to answer the next otherwise-valid requests with
  rs_rotate_nonce_every: 0, // RS: a new nonce after every N successful requests (0: never; soak runs)
  as_fail_next: [], // AS: responses to answer the next token requests with
  rs_bearer_dpop_header: 'ignore', // RS: DPoP header sent along a Bearer (unbound) token: 'ignore' | 'reject'
});

let config = structuredClone(DEFAULT_CONFIG);

function freshStats() {
  const asStats = () => ({
    token_requests: 0, // every POST to the token endpoint
    tokens_issued: 0, // successful issuances (200 with access_token)
    grant_types: {}, // grant_type -> { requests, issued }
    errors: {}, // error code -> count
    dpop_proofs: 0, // token requests that carried a DPoP header
  });
  return {
    as: { dpop: asStats(), bearer: asStats() },
    rs: {
      requests: 0, // every request to /api/*
      successes: 0, // 2xx answers after successful authentication
      dpop_requests: 0, // Authorization: DPoP
      bearer_requests: 0, // Authorization: Bearer
      nonce_challenges: 0, // 401 use_dpop_nonce answers
      errors: {}, // error code -> count
    },
  };
}

let stats = freshStats();
let proofs = { as: [], rs: [] };
let requests = [];

function pushBounded(list, item) {
  list.push(item);
  if (list.length > MAX_LOG) list.splice(0, list.length - MAX_LOG);
}

function bump(obj, key) {
  obj[key] = (obj[key] || 0) + 1;
}

// RS nonce: random, changes only when rotated through the admin API or when
// rs_reject_next injects a use_dpop_nonce challenge.
let rsNonce = b64u(crypto.randomBytes(16));
let rsNonceGeneration = 1;
function rotateRsNonce() {
  rsNonce = b64u(crypto.randomBytes(16));
  rsNonceGeneration += 1;
}

// RS jti replay cache: key `${jkt}:${jti}` -> expiry (epoch seconds).
const seenJtis = new Map();
setInterval(() => {
  const now = epoch();
  for (const [k, exp] of seenJtis) if (exp < now) seenJtis.delete(k);
}, 30_000).unref();

// Decode a compact JWS without verifying it. Returns the header and claims as
// received (parsed JSON) plus the exact decoded JSON text.
function decodeJws(compact) {
  const out = { raw: compact };
  if (typeof compact !== 'string') return out;
  const parts = compact.split('.');
  out.parts = parts.length;
  try {
    out.header_json = Buffer.from(parts[0] || '', 'base64url').toString('utf8');
    out.header = JSON.parse(out.header_json);
  } catch (e) {
    out.header_error = String(e.message || e);
  }
  try {
    out.claims_json = Buffer.from(parts[1] || '', 'base64url').toString('utf8');
    out.claims = JSON.parse(out.claims_json);
  } catch (e) {
    out.claims_error = String(e.message || e);
  }
  return out;
}

// ---------------------------------------------------------------------------
// TLS material (openssl CLI)
// ---------------------------------------------------------------------------

const tmp = mkdtempSync(path.join(tmpdir(), 'libdpop-test-servers-'));
let cleanedUp = false;
function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  try {
    rmSync(tmp, { recursive: true, force: true });
  } catch {
    // ignore
  }
}

function makeTls() {
  const f = (n) => path.join(tmp, n);
  const run = (args) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  writeFileSync(f('ca.cnf'), [
    '[req]',
    'distinguished_name = dn',
    'prompt = no',
    'x509_extensions = v3_ca',
    '[dn]',
    'CN = libdpop test CA',
    'O = libdpop tests',
    '[v3_ca]',
    'basicConstraints = critical, CA:TRUE',
    'keyUsage = critical, keyCertSign, cRLSign',
    'subjectKeyIdentifier = hash',
    '',
  ].join('\n'));
  writeFileSync(f('server.cnf'), [
    '[req]',
    'distinguished_name = dn',
    'prompt = no',
    '[dn]',
    'CN = 127.0.0.1',
    'O = libdpop tests',
    '',
  ].join('\n'));
  writeFileSync(f('server-ext.cnf'), [
    'basicConstraints = critical, CA:FALSE',
    'keyUsage = critical, digitalSignature, keyEncipherment',
    'extendedKeyUsage = serverAuth',
    'subjectAltName = IP:127.0.0.1, DNS:localhost',
    'subjectKeyIdentifier = hash',
    'authorityKeyIdentifier = keyid',
    '',
  ].join('\n'));
  run(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', f('ca.key')]);
  run(['req', '-x509', '-new', '-config', f('ca.cnf'), '-key', f('ca.key'), '-sha256', '-days', '30',
    '-out', f('ca.pem')]);
  run(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', f('server.key')]);
  run(['req', '-new', '-config', f('server.cnf'), '-key', f('server.key'), '-out', f('server.csr')]);
  run(['x509', '-req', '-in', f('server.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'),
    '-set_serial', `0x${crypto.randomBytes(8).toString('hex')}`, '-days', '30', '-sha256',
    '-extfile', f('server-ext.cnf'), '-out', f('server.pem')]);
  return {
    caFile: f('ca.pem'),
    certFile: f('server.pem'),
    keyFile: f('server.key'),
    cert: readFileSync(f('server.pem')),
    key: readFileSync(f('server.key')),
  };
}

// ---------------------------------------------------------------------------
// Listeners (created first so that the URLs are known)
// ---------------------------------------------------------------------------

async function listen(server) {
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server.address().port;
}

// Each listener dispatches to a handler that is set once everything is built.
function makeServer(tls, name) {
  const holder = { handler: null };
  const onRequest = (req, res) => {
    if (!holder.handler) {
      res.writeHead(503).end();
      return;
    }
    Promise.resolve(holder.handler(req, res)).catch((err) => {
      log(`${name}: unhandled error`, err);
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
      }
      res.end(JSON.stringify({ error: 'server_error', error_description: 'test server bug' }));
    });
  };
  const server = tls
    ? https.createServer({ cert: tls.cert, key: tls.key }, onRequest)
    : http.createServer(onRequest);
  server.on('clientError', (err, socket) => {
    vlog(`${name}: client error: ${err.message}`);
    socket.destroy();
  });
  server.on('tlsClientError', (err) => vlog(`${name}: TLS client error: ${err.message}`));
  return { server, holder, name };
}

const tls = makeTls();

// Client keys for private_key_jwt (RFC 7523), made at start: the private keys go
// to files in the temp dir (the RSA one encrypted) and into the ready line; the
// public keys, each with a kid, are the jwks of the client m2m.jwt. "dpop" is a
// key for tests that use one key for DPoP proofs and client assertions.
const CLIENT_KEY_PASSWORD = 'client-key-password';
function makeClientKey(name, type, options, passphrase) {
  const { privateKey, publicKey } = crypto.generateKeyPairSync(type, options);
  const file = path.join(tmp, `client-key-${name}.pem`);
  const cipher = passphrase ? { cipher: 'aes-256-cbc', passphrase } : {};
  writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem', ...cipher }), { mode: 0o600 });
  const kid = `${name}-${b64u(crypto.randomBytes(6))}`;
  return {
    file,
    password: passphrase ?? '',
    kid,
    jwk: JSON.stringify(privateKey.export({ format: 'jwk' })),
    public_jwk: { ...publicKey.export({ format: 'jwk' }), kid },
  };
}
const clientKeys = {
  ec: makeClientKey('ec', 'ec', { namedCurve: 'P-256' }),
  rsa: makeClientKey('rsa', 'rsa', { modulusLength: 2048 }, CLIENT_KEY_PASSWORD),
  dpop: makeClientKey('dpop', 'ec', { namedCurve: 'P-256' }),
};

const L = {
  asDpop: makeServer(null, 'as-dpop'),
  asDpopTls: makeServer(tls, 'as-dpop-https'),
  asBearer: makeServer(null, 'as-bearer'),
  asBearerTls: makeServer(tls, 'as-bearer-https'),
  rs: makeServer(null, 'rs'),
  rsTls: makeServer(tls, 'rs-https'),
};
const ports = {};
for (const [k, v] of Object.entries(L)) ports[k] = await listen(v.server);

const ISSUER_DPOP = `http://${HOST}:${ports.asDpop}`;
const ISSUER_BEARER = `http://${HOST}:${ports.asBearer}`;
const RS_ORIGIN = `http://${HOST}:${ports.rs}`;
const RS_ORIGIN_TLS = `https://${HOST}:${ports.rsTls}`;
// The resource indicator / "aud" of every access token. Both RS listeners
// accept it; it is what defaultResource resolves to.
const AUDIENCE = RS_ORIGIN;

// ---------------------------------------------------------------------------
// Authorization servers (oidc-provider)
// ---------------------------------------------------------------------------

async function makeSigningJwks() {
  const { privateKey } = await jose.generateKeyPair('ES256', { extractable: true });
  const jwk = await jose.exportJWK(privateKey);
  jwk.kid = await jose.calculateJwkThumbprint(jwk);
  jwk.alg = 'ES256';
  jwk.use = 'sig';
  return { keys: [jwk] };
}

function isOurResource(indicator) {
  const u = URL.parse(indicator);
  if (!u || u.search || u.hash) return false;
  return (u.origin === RS_ORIGIN || u.origin === RS_ORIGIN_TLS);
}

function makeClient(clientId, authMethod, dpopBound) {
  const c = {
    client_id: clientId,
    token_endpoint_auth_method: authMethod,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    scope: SCOPE,
  };
  if (authMethod === 'private_key_jwt') {
    c.jwks = { keys: Object.values(clientKeys).map((k) => k.public_jwk) };
  } else {
    c.client_secret = CLIENT_SECRET;
  }
  if (dpopBound) c.dpop_bound_access_tokens = true;
  return c;
}

// A confidential web client for the authorization code flow, with refresh tokens.
function makeWebClient() {
  return {
    client_id: WEB_CLIENT_ID,
    client_secret: CLIENT_SECRET,
    token_endpoint_auth_method: 'client_secret_post',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: [WEB_REDIRECT_URI],
    scope: WEB_SCOPE,
    dpop_bound_access_tokens: true,
  };
}

// oidc-provider accepts client_secret_basic and client_secret_post
// interchangeably whatever the client registered, and silently drops unknown
// scope values. This test AS is stricter: it turns such responses into errors
// (the token that oidc-provider made is never handed out).
function enforceStrictTokenRules(ctx) {
  const client = ctx.oidc?.client;
  // A request without any client authentication gets 401 with a Basic challenge (RFC 6749 5.2
  // lets the server name the schemes it supports), as Spring Authorization Server answers,
  // instead of oidc-provider's 400: an HTTP client holding a login and password can answer it.
  if (!client && ctx.status === 400 && ctx.body?.error_description === 'no client authentication mechanism provided') {
    ctx.status = 401;
    ctx.set('www-authenticate', `Basic realm="${ctx.oidc?.issuer ?? 'token'}"`);
    ctx.body = { error: 'invalid_client', error_description: 'no client authentication' };
    return;
  }
  if (!client || ctx.status === 401) return;
  const usedBasic = /^basic /i.test(ctx.get('authorization') || '');
  const used = usedBasic ? 'client_secret_basic' : 'client_secret_post';
  const registered = client.clientAuthMethod;
  let override;
  if ((registered === 'client_secret_basic' || registered === 'client_secret_post') && used !== registered) {
    override = {
      status: 401,
      error: 'invalid_client',
      error_description: `client authentication failed (client registered ${registered}, request used ${used})`,
    };
    if (registered === 'client_secret_basic') {
      ctx.set('www-authenticate', `Basic realm="${ctx.oidc.issuer}", error="invalid_client"`);
    }
  } else if (ctx.status === 200) {
    const requested = String(ctx.oidc?.params?.scope || '').split(' ').filter(Boolean);
    // What the client registered (SCOPE for the m2m clients).
    const allowed = new Set(String(client.scope || SCOPE).split(' '));
    const unknown = requested.filter((x) => !allowed.has(x));
    if (unknown.length) {
      override = { status: 400, error: 'invalid_scope', error_description: `requested scope is not allowed: ${unknown.join(' ')}` };
    }
  }
  if (override) {
    ctx.status = override.status;
    ctx.remove('dpop-nonce');
    ctx.body = { error: override.error, error_description: override.error_description };
  }
}

async function makeProvider(kind, issuer) {
  const dpop = kind === 'dpop';
  const clients = dpop
    ? [
      makeClient('m2m.dpop', 'client_secret_post', true),
      makeClient('m2m.basic', 'client_secret_basic', true),
      makeClient('m2m.jwt', 'private_key_jwt', true),
      makeWebClient(),
    ]
    : [makeClient('m2m.bearer', 'client_secret_post', false), makeClient('m2m.bearer.basic', 'client_secret_basic', false)];

  const provider = new Provider(issuer, {
    clients,
    jwks: await makeSigningJwks(),
    cookies: { keys: [b64u(crypto.randomBytes(32))] },
    // openid and offline_access for the web client's code flow; the m2m clients
    // registered SCOPE only, so asking for these is still invalid_scope for them.
    scopes: ['openid', 'offline_access', SCOPE],
    // Every end-user is TEST_USER (logged in by autoInteraction), with no claims but sub.
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
    clientDefaults: { id_token_signed_response_alg: 'ES256' },
    enabledJWA: { dPoPSigningAlgValues: Object.keys(DPOP_ALGS) },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: false },
      revocation: { enabled: false },
      dPoP: dpop
        ? {
          enabled: true,
          nonceSecret: crypto.randomBytes(32),
          requireNonce: () => config.as_require_nonce === true,
          allowReplay: false,
        }
        : { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => AUDIENCE,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, indicator) => {
          if (!isOurResource(indicator)) {
            throw new oidcErrors.InvalidTarget(`unknown resource indicator ${indicator}`);
          }
          return {
            scope: SCOPE,
            audience: AUDIENCE,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'ES256' } },
          };
        },
      },
    },
    ttl: {
      // functions, so that the admin API's access_token_ttl applies at once
      ClientCredentials: () => config.access_token_ttl,
      AccessToken: () => config.access_token_ttl,
      AuthorizationCode: 60,
      IdToken: 3600,
      RefreshToken: 24 * 3600,
      Interaction: 600,
      Session: 3600,
      Grant: 24 * 3600,
    },
    // oidc-provider's default: a refresh token for a client allowed the
    // refresh_token grant when offline_access was granted (only the web client).
    issueRefreshToken: async (_ctx, client, source) => client.grantTypeAllowed('refresh_token') && source.scopes.has('offline_access'),
    clientBasedCORS: () => false,
    pkce: { required: () => false },
  });

  provider.on('server_error', (_ctx, err) => log(`as-${kind}: server_error`, err));

  provider.use(async (ctx, next) => {
    const isToken = ctx.method === 'POST' && ctx.path === '/token';
    if (!isToken) {
      await next();
      vlog(`as-${kind} ${ctx.method} ${ctx.path} -> ${ctx.status}`);
      return;
    }
    const s = stats.as[kind];
    s.token_requests += 1;
    const proofHeader = ctx.req.headersDistinct?.dpop;
    let entry;
    if (proofHeader) {
      s.dpop_proofs += 1;
      entry = {
        server: `as:${kind}`,
        tls: ctx.req.socket.encrypted === true,
        time: Date.now() / 1000,
        method: ctx.method,
        url: ctx.href,
        dpop_header_count: proofHeader.length,
        ...decodeJws(proofHeader[0]),
      };
      pushBounded(proofs.as, entry);
    }
    const reqEntry = {
      server: `as:${kind}`,
      tls: ctx.req.socket.encrypted === true,
      time: Date.now() / 1000,
      method: ctx.method,
      url: ctx.href,
      authorization_scheme: (ctx.get('authorization') || '').split(' ')[0] || null,
      dpop: Boolean(proofHeader),
    };
    pushBounded(requests, reqEntry);

    const injected = config.as_fail_next.shift();
    let injectedGrantType;
    if (injected !== undefined) {
      // Not passed on to oidc-provider: read the form body here for the stats.
      try {
        injectedGrantType = new URLSearchParams((await readBody(ctx.req)).toString('utf8')).get('grant_type') || undefined;
      } catch {
        // ignore
      }
      const inj = typeof injected === 'string' ? { error: injected } : injected;
      ctx.status = inj.status || (inj.error === 'invalid_client' ? 401 : 400);
      ctx.set('cache-control', 'no-store');
      if (inj.headers) for (const [k, v] of Object.entries(inj.headers)) ctx.set(k, String(v));
      ctx.body = inj.body !== undefined ? inj.body : { error: inj.error || 'server_error', error_description: 'injected by the test admin API' };
    } else {
      await next();
      enforceStrictTokenRules(ctx);
    }

    const grantType = injectedGrantType || ctx.oidc?.params?.grant_type || ctx.oidc?.body?.grant_type || 'unknown';
    // What the request asked for and how the client authenticated, for the tests:
    // resource indicators, and the client assertion (private_key_jwt) decoded.
    const params = ctx.oidc?.params || {};
    if (params.resource !== undefined) reqEntry.resource = params.resource;
    if (typeof params.client_assertion === 'string') reqEntry.client_assertion = decodeJws(params.client_assertion);
    const g = (s.grant_types[grantType] ||= { requests: 0, issued: 0 });
    g.requests += 1;
    const body = ctx.body && typeof ctx.body === 'object' && !Buffer.isBuffer(ctx.body) ? ctx.body : {};
    const result = {
      status: ctx.status,
      error: body.error,
      error_description: body.error_description,
      token_type: body.token_type,
      dpop_nonce_sent: ctx.response.get('dpop-nonce') || undefined,
      grant_type: grantType,
      client_id: ctx.oidc?.client?.clientId,
    };
    if (ctx.status === 200 && body.access_token) {
      s.tokens_issued += 1;
      g.issued += 1;
    } else if (body.error) {
      bump(s.errors, body.error);
    }
    Object.assign(reqEntry, result);
    if (entry) Object.assign(entry, result);
    vlog(`as-${kind} POST /token${reqEntry.tls ? ' (tls)' : ''} grant=${grantType} client=${result.client_id} dpop=${reqEntry.dpop} -> ${ctx.status} ${body.error || body.token_type || ''}`);
  });

  return provider;
}

// ---------------------------------------------------------------------------
// End-user interactions (AS "dpop"): no pages, no browser
// ---------------------------------------------------------------------------

// devInteractions are off; oidc-provider sends the user agent to
// /interaction/<uid> (its default interactions.url), which this answers at once:
// the login prompt logs in TEST_USER, the consent prompt grants every scope and
// resource scope the request is missing. Both end with oidc-provider's redirect
// back to /auth/<uid>.
async function autoInteraction(provider, req, res) {
  try {
    const details = await provider.interactionDetails(req, res);
    const { prompt: { name, details: missing = {} }, params, session } = details;
    if (name === 'login') {
      vlog(`as-dpop interaction ${details.uid}: login as ${TEST_USER} (client ${params.client_id})`);
      await provider.interactionFinished(req, res, { login: { accountId: TEST_USER } }, { mergeWithLastSubmission: false });
      return;
    }
    if (name === 'consent') {
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes || {})) {
        grant.addResourceScope(indicator, scopes.join(' '));
      }
      const grantId = await grant.save();
      vlog(`as-dpop interaction ${details.uid}: consent for ${params.client_id}: ${JSON.stringify(missing)}`);
      await provider.interactionFinished(req, res, { consent: details.grantId ? {} : { grantId } }, { mergeWithLastSubmission: true });
      return;
    }
    sendJson(res, 400, { error: 'invalid_request', error_description: `the test AS does not complete the ${name} prompt` });
  } catch (e) {
    log(`as-dpop interaction failed: ${e?.message || e}`);
    if (!res.headersSent) {
      sendJson(res, 400, { error: e?.error || 'server_error', error_description: e?.error_description || String(e?.message || e) });
    }
  }
}

function withAutoInteractions(provider, callback) {
  return (req, res) => {
    const url = req.url || '/';
    if (req.method === 'GET' && /^\/interaction\/[A-Za-z0-9_-]+$/.test(url)) return autoInteraction(provider, req, res);
    return callback(req, res);
  };
}

// The authorization code flow at AS "dpop", driven over HTTP as a browser would
// (cookies carried, redirects followed by hand) until the redirect to the
// client's redirect_uri. `input`: client_id and redirect_uri (required), scope
// (default WEB_SCOPE), and any other authorization request parameter (resource,
// code_challenge, dpop_jkt, ...; an array sends one parameter per value).
// prompt=consent by default: oidc-provider drops offline_access without it.
async function authorizationCodeFlow(input) {
  const bad = (msg) => new AuthError(400, 'invalid_request', msg);
  const params = new URLSearchParams({ response_type: 'code', scope: WEB_SCOPE, prompt: 'consent', state: b64u(crypto.randomBytes(12)) });
  for (const [k, v] of Object.entries(input)) {
    if (v === null || v === undefined) {
      params.delete(k);
    } else if (Array.isArray(v)) {
      params.delete(k);
      for (const x of v) params.append(k, String(x));
    } else {
      params.set(k, String(v));
    }
  }
  for (const k of ['client_id', 'redirect_uri']) if (!params.get(k)) throw bad(`${k} is required`);
  const redirectUri = URL.parse(params.get('redirect_uri'));
  if (!redirectUri) throw bad('redirect_uri is not a URL');
  const state = params.get('state');

  const jar = new Map(); // cookie name -> value (paths ignored: one user agent, one AS)
  let url = `${ISSUER_DPOP}/auth?${params}`;
  const hops = [];
  for (let i = 0; i < 10; i += 1) {
    const headers = jar.size ? { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
    const r = await fetch(url, { redirect: 'manual', headers });
    for (const line of r.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]) <= Date.now());
      if (!value || expired) jar.delete(name);
      else jar.set(name, value);
    }
    const location = r.headers.get('location');
    const text = await r.text();
    hops.push(`GET ${new URL(url).pathname} -> ${r.status}`);
    if (r.status < 300 || r.status > 399 || !location) {
      // oidc-provider's error page (renderError) shows each member as <pre><strong>k</strong>: v</pre>.
      const shown = [...text.matchAll(/<pre><strong>([^<]*)<\/strong>: ([^<]*)<\/pre>/g)].map((m) => `${m[1]}: ${m[2]}`.replace(/&(#39|quot|lt|gt|amp);/g, (_, e) => ({ '#39': "'", quot: '"', lt: '<', gt: '>', amp: '&' })[e]));
      const said = shown.length ? shown.join(', ') : text.slice(0, 500);
      throw new AuthError(502, 'authorization_failed', `${hops.join(', ')} without a redirect: ${said}`);
    }
    const next = new URL(location, url);
    if (next.origin === redirectUri.origin && next.pathname === redirectUri.pathname) {
      const q = next.searchParams;
      if (q.get('error')) {
        throw new AuthError(400, q.get('error'), `the authorization request failed (${hops.join(', ')}): ${q.get('error_description') || q.get('error')}`);
      }
      if (q.get('state') !== state) throw new AuthError(502, 'authorization_failed', `state mismatch in the redirect to ${next.origin}${next.pathname}`);
      if (!q.get('code')) throw new AuthError(502, 'authorization_failed', `no code in the redirect to ${next.origin}${next.pathname}`);
      log(`admin: authorization code for ${params.get('client_id')} (${hops.join(', ')})`);
      return { code: q.get('code'), state, iss: q.get('iss') };
    }
    url = next.href;
  }
  throw new AuthError(502, 'authorization_failed', `too many redirects: ${hops.join(', ')}`);
}

const asDpop = await makeProvider('dpop', ISSUER_DPOP);
const asBearer = await makeProvider('bearer', ISSUER_BEARER);
L.asDpop.holder.handler = withAutoInteractions(asDpop, asDpop.callback());
L.asDpopTls.holder.handler = withAutoInteractions(asDpop, asDpop.callback());
L.asBearer.holder.handler = asBearer.callback();
L.asBearerTls.holder.handler = asBearer.callback();

// AS metadata for oauth4webapi (iss -> metadata). The jwks_uri is fetched
// over plain HTTP (allowInsecureRequests) and cached by oauth4webapi.
const knownIssuers = new Map([
  [ISSUER_DPOP, { issuer: ISSUER_DPOP, jwks_uri: `${ISSUER_DPOP}/jwks` }],
  [ISSUER_BEARER, { issuer: ISSUER_BEARER, jwks_uri: `${ISSUER_BEARER}/jwks` }],
]);

// ---------------------------------------------------------------------------
// Resource server
// ---------------------------------------------------------------------------

class AuthError extends Error {
  constructor(status, error, description, { scheme, nonce } = {}) {
    super(description);
    this.status = status;
    this.error = error;
    this.scheme = scheme;
    this.nonce = nonce;
  }
}

function quoteParam(s) {
  return String(s).replace(/[\\"]/g, '').replace(/[\r\n]/g, ' ');
}

function challenge(scheme, error, description) {
  const params = [];
  if (error) params.push(`error="${quoteParam(error)}"`);
  if (description) params.push(`error_description="${quoteParam(description)}"`);
  if (scheme === 'DPoP') params.push(`algs="${Object.keys(DPOP_ALGS).join(' ')}"`);
  return params.length ? `${scheme} ${params.join(', ')}` : scheme;
}

function sendJson(res, status, body, headers = {}) {
  const data = Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': data.length,
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : data);
}

async function readBody(req, limit = 1 << 20) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > limit) throw new AuthError(413, 'invalid_request', 'request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const ROUTES = [
  { match: (p) => p === '/api/resource', methods: ['GET', 'DELETE'] },
  { match: (p) => p === '/api/echo', methods: ['POST', 'PUT', 'PATCH'] },
  { match: (p) => /^\/api\/status\/[1-5][0-9][0-9]$/.test(p), methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] },
];

// Strict DPoP proof validation done by hand (jose for the signature), so that
// proof problems are reported as invalid_dpop_proof / use_dpop_nonce precisely.
// oauth4webapi.validateJwtAccessToken then re-checks proof and token.
async function checkProof(proof, { method, expectedHtu, accessToken }) {
  const bad = (msg) => new AuthError(401, 'invalid_dpop_proof', msg, { scheme: 'DPoP' });
  const dec = decodeJws(proof);
  if (dec.parts !== 3) throw bad('DPoP proof is not a compact JWS');
  const h = dec.header;
  if (!h || typeof h !== 'object') throw bad('DPoP proof header is not a JSON object');
  if (h.typ !== 'dpop+jwt') throw bad(`DPoP proof typ must be "dpop+jwt", got ${JSON.stringify(h.typ)}`);
  const keyForAlg = Object.hasOwn(DPOP_ALGS, h.alg) ? DPOP_ALGS[h.alg] : undefined;
  if (!keyForAlg) throw bad(`DPoP proof alg must be one of ${Object.keys(DPOP_ALGS).join(', ')}, got ${JSON.stringify(h.alg)}`);
  if (!h.jwk || typeof h.jwk !== 'object' || Array.isArray(h.jwk)) throw bad('DPoP proof jwk header missing');
  for (const k of ['d', 'p', 'q', 'dp', 'dq', 'qi']) {
    if (k in h.jwk) throw bad('DPoP proof jwk contains a private key');
  }
  if (h.jwk.kty !== keyForAlg.kty || (keyForAlg.crv && h.jwk.crv !== keyForAlg.crv)) {
    throw bad(`DPoP proof jwk must be a ${keyForAlg.kty} ${keyForAlg.crv ?? ''} key for ${h.alg}`);
  }
  let payload;
  try {
    ({ payload } = await jose.compactVerify(proof, jose.EmbeddedJWK, { algorithms: [h.alg] }));
  } catch (e) {
    throw bad(`DPoP proof signature invalid: ${e.message}`);
  }
  let claims;
  try {
    claims = JSON.parse(Buffer.from(payload).toString('utf8'));
  } catch {
    throw bad('DPoP proof payload is not JSON');
  }
  if (!claims || typeof claims !== 'object' || Array.isArray(claims)) throw bad('DPoP proof payload is not a JSON object');
  if (typeof claims.jti !== 'string' || !claims.jti) throw bad('DPoP proof jti must be a non-empty string');
  if (typeof claims.htm !== 'string') throw bad('DPoP proof htm must be a string');
  if (claims.htm !== method) throw bad(`DPoP proof htm mismatch: expected ${method}, got ${claims.htm}`);
  if (typeof claims.htu !== 'string') throw bad('DPoP proof htu must be a string');
  if (claims.htu !== expectedHtu) throw bad(`DPoP proof htu mismatch: expected ${expectedHtu}, got ${claims.htu}`);
  if (typeof claims.iat !== 'number' || !Number.isFinite(claims.iat)) throw bad('DPoP proof iat must be a number');
  const skew = Math.abs(Date.now() / 1000 - claims.iat);
  if (skew > config.rs_iat_window) throw bad(`DPoP proof iat is not within ${config.rs_iat_window}s of the server time (off by ${Math.round(skew)}s)`);
  if (typeof claims.ath !== 'string') throw bad('DPoP proof ath must be a string');
  if (claims.ath !== sha256b64u(accessToken)) throw bad('DPoP proof ath mismatch');
  if (claims.nonce !== undefined && typeof claims.nonce !== 'string') throw bad('DPoP proof nonce must be a string');
  const jkt = await jose.calculateJwkThumbprint(h.jwk, 'sha256');
  return { claims, header: h, jkt };
}

function expectedOrigin(req, scheme, port) {
  const host = req.headers.host;
  if (host !== `${HOST}:${port}` && host !== `localhost:${port}`) {
    throw new AuthError(400, 'invalid_request', `unexpected Host header ${JSON.stringify(host)}; expected ${HOST}:${port} or localhost:${port}`);
  }
  return `${scheme}://${host}`;
}

function makeRsHandler(tlsOn, port) {
  const scheme = tlsOn ? 'https' : 'http';
  return async (req, res) => {
    const rawUrl = req.url || '/';
    const qIdx = rawUrl.indexOf('?');
    const pathname = qIdx === -1 ? rawUrl : rawUrl.slice(0, qIdx);
    const query = qIdx === -1 ? '' : rawUrl.slice(qIdx + 1);

    if (pathname === '/__admin' || pathname.startsWith('/__admin/')) {
      return handleAdmin(req, res, pathname, query);
    }

    stats.rs.requests += 1;
    const dpopHeaders = req.headersDistinct.dpop;
    const entry = {
      server: 'rs',
      tls: tlsOn,
      time: Date.now() / 1000,
      method: req.method,
      url: `${scheme}://${req.headers.host}${rawUrl}`,
      authorization_scheme: (req.headers.authorization || '').split(' ')[0] || null,
      dpop: Boolean(dpopHeaders),
    };
    pushBounded(requests, entry);
    let proofEntry;
    if (dpopHeaders) {
      proofEntry = {
        server: 'rs', tls: tlsOn, time: entry.time, method: req.method, url: entry.url,
        dpop_header_count: dpopHeaders.length, ...decodeJws(dpopHeaders[0]),
      };
      pushBounded(proofs.rs, proofEntry);
    }
    const finish = (status, error, extra = {}) => {
      Object.assign(entry, { status, error, ...extra });
      if (proofEntry) Object.assign(proofEntry, { status, error, ...extra });
      vlog(`rs ${req.method} ${rawUrl}${tlsOn ? ' (tls)' : ''} auth=${entry.authorization_scheme} dpop=${entry.dpop} -> ${status}${error ? ` ${error}` : ''}${extra.error_description ? ` (${extra.error_description})` : ''}`);
    };

    let authScheme = 'DPoP';
    let nonceToSend;
    try {
      const origin = expectedOrigin(req, scheme, port);
      const route = ROUTES.find((r) => r.match(pathname));
      if (!route) {
        finish(404, 'not_found');
        return sendJson(res, 404, { error: 'not_found' });
      }
      if (!route.methods.includes(req.method)) {
        finish(405, 'method_not_allowed');
        return sendJson(res, 405, { error: 'method_not_allowed' }, { allow: route.methods.join(', ') });
      }
      const body = await readBody(req);

      // --- Authorization header
      const authz = req.headers.authorization;
      if (!authz) {
        throw new AuthError(401, undefined, undefined, { scheme: 'DPoP' });
      }
      const m = /^([A-Za-z]+) +([A-Za-z0-9\-._~+/]+=*)$/.exec(authz);
      if (!m) throw new AuthError(400, 'invalid_request', 'malformed Authorization header', { scheme: 'DPoP' });
      const schemeLc = m[1].toLowerCase();
      const accessToken = m[2];
      if (schemeLc === 'bearer') {
        authScheme = 'Bearer';
        stats.rs.bearer_requests += 1;
      } else if (schemeLc === 'dpop') {
        stats.rs.dpop_requests += 1;
      } else {
        throw new AuthError(401, 'invalid_request', `unsupported Authorization scheme ${m[1]}`, { scheme: 'DPoP' });
      }

      // --- token (unverified peek, to find its issuer and binding)
      const tok = decodeJws(accessToken);
      const cnfJkt = tok.claims?.cnf?.jkt;
      if (authScheme === 'Bearer' && typeof cnfJkt === 'string') {
        // A DPoP-bound token presented as a Bearer token (downgrade).
        throw new AuthError(401, 'invalid_token', 'DPoP-bound access token presented with the Bearer scheme', { scheme: 'DPoP' });
      }
      const as = knownIssuers.get(tok.claims?.iss);
      if (!as) throw new AuthError(401, 'invalid_token', 'access token is not a JWT from a known issuer', { scheme: authScheme });

      // --- DPoP proof
      let proof;
      const useDpop = authScheme === 'DPoP';
      if (useDpop) {
        if (!dpopHeaders) throw new AuthError(401, 'invalid_dpop_proof', 'DPoP proof missing', { scheme: 'DPoP' });
        if (dpopHeaders.length !== 1) throw new AuthError(401, 'invalid_dpop_proof', 'more than one DPoP header', { scheme: 'DPoP' });
        proof = await checkProof(dpopHeaders[0], {
          method: req.method,
          expectedHtu: `${origin}${pathname}`,
          accessToken,
        });
        if (config.rs_require_nonce) {
          nonceToSend = rsNonce;
          if (proof.claims.nonce === undefined) {
            throw new AuthError(401, 'use_dpop_nonce', 'Resource server requires nonce in DPoP proof', { scheme: 'DPoP', nonce: rsNonce });
          }
          if (proof.claims.nonce !== rsNonce) {
            throw new AuthError(401, 'use_dpop_nonce', 'DPoP proof nonce is invalid or stale', { scheme: 'DPoP', nonce: rsNonce });
          }
        }
        const replayKey = `${proof.jkt}:${proof.claims.jti}`;
        if (seenJtis.has(replayKey)) {
          throw new AuthError(401, 'invalid_dpop_proof', 'DPoP proof jti replay detected', { scheme: 'DPoP' });
        }
        seenJtis.set(replayKey, epoch() + 2 * config.rs_iat_window + 60);
        if (cnfJkt !== undefined && cnfJkt !== proof.jkt) {
          throw new AuthError(401, 'invalid_token', 'access token is bound to a different key (cnf.jkt != DPoP proof key thumbprint)', { scheme: 'DPoP' });
        }
      } else if (dpopHeaders && config.rs_bearer_dpop_header === 'reject') {
        throw new AuthError(400, 'invalid_request', 'DPoP header sent with a Bearer token', { scheme: 'Bearer' });
      }

      // --- full validation with oauth4webapi (token + proof binding)
      const headers = new Headers({ authorization: authz });
      if (useDpop) headers.set('dpop', dpopHeaders[0]);
      const request = new Request(`${origin}${rawUrl}`, { method: req.method, headers });
      let claims;
      try {
        claims = await oauth.validateJwtAccessToken(as, request, AUDIENCE, {
          // Applies to the DPoP proof as well as to the access token (ES256, from the AS's JWKS).
          signingAlgorithms: Object.keys(DPOP_ALGS),
          [oauth.clockTolerance]: 0,
          [oauth.allowInsecureRequests]: true,
        });
      } catch (e) {
        const msg = e?.message || String(e);
        const isProof = /DPoP Proof|DPoP HTTP Header|jwk header/i.test(msg);
        throw new AuthError(401, isProof ? 'invalid_dpop_proof' : 'invalid_token', `access token validation failed: ${msg}`, { scheme: authScheme });
      }
      if (useDpop && typeof claims.cnf?.jkt !== 'string') {
        throw new AuthError(401, 'invalid_token', 'access token is not DPoP-bound but was presented with the DPoP scheme', { scheme: 'DPoP' });
      }

      // --- injected failure for recovery tests
      const injected = config.rs_reject_next.shift();
      if (injected !== undefined) {
        if (injected === 'use_dpop_nonce') {
          rotateRsNonce();
          throw new AuthError(401, 'use_dpop_nonce', 'injected: nonce rotated', { scheme: 'DPoP', nonce: rsNonce });
        }
        throw new AuthError(401, injected, `injected by the test admin API (${injected})`, { scheme: authScheme, nonce: nonceToSend });
      }

      // --- success
      stats.rs.successes += 1;
      let status = 200;
      const stm = /^\/api\/status\/([0-9]{3})$/.exec(pathname);
      if (stm) status = Number(stm[1]);
      const out = {
        ok: status >= 200 && status < 300,
        sub: claims.sub,
        client_id: claims.client_id,
        scope: claims.scope ?? null,
        jkt: claims.cnf?.jkt ?? null,
        token_type: authScheme,
        iss: claims.iss,
        aud: claims.aud,
        exp: claims.exp,
        method: req.method,
        path: pathname,
        query,
        htu: proof?.claims.htu ?? null,
        tls: tlsOn,
      };
      if (pathname === '/api/echo') {
        const ct = req.headers['content-type'] || null;
        out.content_type = ct;
        out.body_raw = body.toString('utf8');
        out.body = null;
        if (body.length && ct && /\bjson\b/i.test(ct)) {
          try {
            out.body = JSON.parse(out.body_raw);
          } catch (e) {
            throw new AuthError(400, 'invalid_json', `request body is not valid JSON: ${e.message}`, { scheme: authScheme, nonce: nonceToSend });
          }
        }
      }
      finish(status, undefined, { client_id: claims.client_id, dpop_nonce_sent: nonceToSend });
      const h = {};
      if (useDpop && nonceToSend) h['dpop-nonce'] = nonceToSend;
      const every = config.rs_rotate_nonce_every;
      if (every > 0 && stats.rs.successes % every === 0) rotateRsNonce();
      return sendJson(res, status, out, h);
    } catch (e) {
      if (!(e instanceof AuthError)) throw e;
      const h = {};
      if (e.status === 401) h['www-authenticate'] = challenge(e.scheme || authScheme, e.error, e.message);
      const nonce = e.nonce || nonceToSend;
      if (nonce && (e.scheme || authScheme) === 'DPoP') h['dpop-nonce'] = nonce;
      if (e.error === 'use_dpop_nonce') stats.rs.nonce_challenges += 1;
      bump(stats.rs.errors, e.error || 'no_authorization');
      finish(e.status, e.error || 'no_authorization', { error_description: e.message || undefined, dpop_nonce_sent: h['dpop-nonce'] });
      const body = e.error ? { error: e.error, error_description: e.message } : { error: 'unauthorized' };
      return sendJson(res, e.status, body, h);
    }
  };
}

// ---------------------------------------------------------------------------
// Admin API
// ---------------------------------------------------------------------------

let readyInfo;

const CONFIG_VALIDATORS = {
  access_token_ttl: (v) => Number.isSafeInteger(v) && v > 0,
  as_require_nonce: (v) => typeof v === 'boolean',
  rs_require_nonce: (v) => typeof v === 'boolean',
  rs_iat_window: (v) => typeof v === 'number' && v > 0,
  rs_bearer_dpop_header: (v) => v === 'ignore' || v === 'reject',
  rs_reject_next: (v) => v === null || typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string')),
  as_fail_next: (v) => v === null || typeof v === 'string' || (typeof v === 'object'),
  rs_rotate_nonce_every: (v) => Number.isSafeInteger(v) && v >= 0,
};

// An admin request's body: a JSON object ({} when empty); a 400 AuthError otherwise.
async function readJsonObject(req) {
  const raw = (await readBody(req)).toString('utf8');
  let value;
  try {
    value = raw.trim() ? JSON.parse(raw) : {};
  } catch (e) {
    throw new AuthError(400, 'invalid_json', e.message);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new AuthError(400, 'invalid_request', 'expected a JSON object');
  }
  return value;
}

async function handleAdmin(req, res, pathname, query) {
  const sub = pathname.replace(/^\/__admin\/?/, '');
  const params = new URLSearchParams(query);
  const limit = Math.max(1, Math.min(MAX_LOG, Number(params.get('limit')) || MAX_LOG));
  const tail = (list) => list.slice(-limit);
  try {
    if (req.method === 'GET' && sub === 'stats') return sendJson(res, 200, stats);
    if (req.method === 'GET' && sub === 'proofs') return sendJson(res, 200, { as: tail(proofs.as), rs: tail(proofs.rs) });
    if (req.method === 'GET' && sub === 'requests') return sendJson(res, 200, tail(requests));
    if (req.method === 'GET' && sub === 'config') return sendJson(res, 200, { ...config, rs_nonce: rsNonce, rs_nonce_generation: rsNonceGeneration });
    if (req.method === 'GET' && (sub === 'info' || sub === '')) return sendJson(res, 200, readyInfo);
    if (req.method === 'POST' && sub === 'authorization_code') {
      return sendJson(res, 200, await authorizationCodeFlow(await readJsonObject(req)));
    }
    if (req.method === 'POST' && sub === 'reset') {
      stats = freshStats();
      proofs = { as: [], rs: [] };
      requests = [];
      config = structuredClone(DEFAULT_CONFIG);
      return sendJson(res, 200, { ok: true });
    }
    if (req.method === 'POST' && sub === 'config') {
      const patch = await readJsonObject(req);
      const next = structuredClone(config);
      for (const [k, v] of Object.entries(patch)) {
        if (k === 'rs_rotate_nonce') continue;
        if (!CONFIG_VALIDATORS[k]) return sendJson(res, 400, { error: 'invalid_request', error_description: `unknown config key ${k}` });
        if (!CONFIG_VALIDATORS[k](v)) return sendJson(res, 400, { error: 'invalid_request', error_description: `invalid value for ${k}` });
        if (k === 'rs_reject_next' || k === 'as_fail_next') {
          next[k] = v === null ? [] : (Array.isArray(v) ? [...v] : [v]);
        } else {
          next[k] = v;
        }
      }
      config = next;
      if (patch.rs_rotate_nonce === true) rotateRsNonce();
      log(`admin: config ${JSON.stringify(patch)}`);
      return sendJson(res, 200, { ...config, rs_nonce: rsNonce, rs_nonce_generation: rsNonceGeneration });
    }
    return sendJson(res, 404, { error: 'not_found', error_description: `no admin endpoint ${req.method} ${pathname}` });
  } catch (e) {
    if (e instanceof AuthError) return sendJson(res, e.status, { error: e.error, error_description: e.message });
    throw e;
  }
}

L.rs.holder.handler = makeRsHandler(false, ports.rs);
L.rsTls.holder.handler = makeRsHandler(true, ports.rsTls);

// ---------------------------------------------------------------------------
// Ready
// ---------------------------------------------------------------------------

const ISSUER_DPOP_TLS = `https://${HOST}:${ports.asDpopTls}`;
const ISSUER_BEARER_TLS = `https://${HOST}:${ports.asBearerTls}`;

readyInfo = {
  ready: true,
  pid: process.pid,
  issuer: ISSUER_DPOP,
  token_endpoint: `${ISSUER_DPOP}/token`,
  token_endpoint_https: `${ISSUER_DPOP_TLS}/token`,
  jwks_uri: `${ISSUER_DPOP}/jwks`,
  authorization_endpoint: `${ISSUER_DPOP}/auth`,
  discovery: `${ISSUER_DPOP}/.well-known/openid-configuration`,
  bearer_issuer: ISSUER_BEARER,
  bearer_token_endpoint: `${ISSUER_BEARER}/token`,
  bearer_token_endpoint_https: `${ISSUER_BEARER_TLS}/token`,
  audience: AUDIENCE,
  rs_origin: RS_ORIGIN,
  rs_origin_https: RS_ORIGIN_TLS,
  resource: `${RS_ORIGIN}/api/resource`,
  resource_https: `${RS_ORIGIN_TLS}/api/resource`,
  echo: `${RS_ORIGIN}/api/echo`,
  echo_https: `${RS_ORIGIN_TLS}/api/echo`,
  status_base: `${RS_ORIGIN}/api/status/`,
  admin: `${RS_ORIGIN}/__admin`,
  ca_file: tls.caFile,
  cert_file: tls.certFile,
  scope: SCOPE,
  clients: {
    dpop: { client_id: 'm2m.dpop', client_secret: CLIENT_SECRET, token_endpoint_auth_method: 'client_secret_post' },
    basic: { client_id: 'm2m.basic', client_secret: CLIENT_SECRET, token_endpoint_auth_method: 'client_secret_basic' },
    bearer: { client_id: 'm2m.bearer', client_secret: CLIENT_SECRET, token_endpoint_auth_method: 'client_secret_post' },
    bearer_basic: { client_id: 'm2m.bearer.basic', client_secret: CLIENT_SECRET, token_endpoint_auth_method: 'client_secret_basic' },
    jwt: { client_id: 'm2m.jwt', token_endpoint_auth_method: 'private_key_jwt' },
    // Authorization code flow (codes from POST /__admin/authorization_code), refresh tokens.
    web: {
      client_id: WEB_CLIENT_ID,
      client_secret: CLIENT_SECRET,
      token_endpoint_auth_method: 'client_secret_post',
      grant_types: ['authorization_code', 'refresh_token'],
      redirect_uri: WEB_REDIRECT_URI,
      scope: WEB_SCOPE,
      user: TEST_USER,
    },
  },
  // The private keys of m2m.jwt: file (PKCS#8 PEM; rsa's encrypted with password), kid, jwk (private).
  client_keys: Object.fromEntries(Object.entries(clientKeys).map(([name, k]) => [name, {
    file: k.file, password: k.password, kid: k.kid, jwk: k.jwk,
  }])),
};

// ---------------------------------------------------------------------------
// Lifetime
// ---------------------------------------------------------------------------

function shutdown(why) {
  log(`shutting down (${why})`);
  cleanup();
  for (const { server } of Object.values(L)) {
    server.closeAllConnections?.();
    server.close();
  }
  process.exit(0);
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGHUP', () => shutdown('SIGHUP'));
process.on('exit', cleanup);
process.on('uncaughtException', (err) => log('uncaught exception', err));
process.on('unhandledRejection', (err) => log('unhandled rejection', err));

if (!KEEP_ALIVE) {
  process.stdin.on('end', () => shutdown('stdin closed'));
  process.stdin.on('close', () => shutdown('stdin closed'));
  process.stdin.on('error', () => shutdown('stdin error'));
  process.stdin.on('data', () => {});
  process.stdin.resume();
}

process.stdout.write(`${JSON.stringify(readyInfo)}\n`);
log(`ready: AS dpop ${ISSUER_DPOP} (+${ISSUER_DPOP_TLS}), AS bearer ${ISSUER_BEARER} (+${ISSUER_BEARER_TLS}), RS ${RS_ORIGIN} (+${RS_ORIGIN_TLS})`);
