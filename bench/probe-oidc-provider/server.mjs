// A minimal OAuth 2.0 server on oidc-provider that issues client_credentials tokens to one
// SMART Backend Services client, for the benchmark's backend-tokens scenario.
//
// Usage: node server.mjs --client <client.json> --urls http://127.0.0.1:<port>
// client.json: { "clientId": "...", "jwks": { "keys": [<public JWK>] }, "scope": "system/*.rs",
//                "resource": "<FHIR base URL the access tokens are for>" }
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Provider from 'oidc-provider';
import MapAdapter from './map_adapter.mjs';

function readArguments(argv) {
  const values = {};
  for (let i = 0; i < argv.length - 1; i += 2) {
    values[argv[i].replace(/^--/, '')] = argv[i + 1];
  }

  if (!values.client || !values.urls) {
    throw new Error('usage: node server.mjs --client <client.json> --urls http://127.0.0.1:<port>');
  }

  return values;
}

const args = readArguments(process.argv.slice(2));
const client = JSON.parse(readFileSync(args.client, 'utf8'));
const address = new URL(args.urls);
if (address.hostname !== '127.0.0.1') {
  throw new Error(`The probe listens on 127.0.0.1 only, not on ${address.hostname}.`);
}

const issuer = address.origin;

// The access tokens are JWTs signed with HS256 by a key only the probe has, as the sandbox's
// are. Without this, oidc-provider would issue opaque tokens, which cost it no signature.
// The RSA key stays the provider's default signing key, for id_tokens, which this client
// never receives.
const accessTokenKey = randomBytes(32);
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), alg: 'RS256', use: 'sig', kid: 'probe' };

const provider = new Provider(issuer, {
  adapter: MapAdapter,
  clients: [
    {
      client_id: client.clientId,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'RS384',
      jwks: client.jwks,
      scope: client.scope,
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  scopes: client.scope.split(' '),
  // RS384 is the algorithm SMART Backend Services names for RSA keys; the default list lacks it.
  enabledJWA: {
    clientAuthSigningAlgValues: ['RS256', 'RS384', 'ES256', 'ES384'],
  },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => client.resource,
      getResourceServerInfo: () => ({
        scope: client.scope,
        accessTokenFormat: 'jwt',
        accessTokenTTL: 3600,
        jwt: { sign: { alg: 'HS256', key: accessTokenKey } },
      }),
    },
  },
});

provider.on('server_error', (_ctx, error) => {
  console.error(`server_error: ${error.message}`);
});

provider.listen(Number(address.port), address.hostname, () => {
  console.log(`oidc-provider probe listening on ${issuer}, token endpoint ${issuer}/token`);
});
