import { optional, withDefault } from '../setting-definition';
import { codeKind, patternKind, textKind, urlKind } from '../setting-kind';

const group = 'Credentials';
const address = patternKind(/^0x[0-9a-fA-F]{40}$/, 'an address (0x followed by 40 hex digits)', '0x + 40 hex digits');

export const CREDENTIAL_SETTINGS = {
  polymarketWalletAddress: optional('POLYBOT_POLYMARKET_WALLET_ADDRESS', address, {
    group,
    description: 'wallet whose positions, orders and balances are tracked',
  }),
  polygonPrivateKey: optional('POLYBOT_POLYGON_PRIVATE_KEY', patternKind(
    /^0x[0-9a-fA-F]{64}$/,
    'a private key (0x followed by 64 hex digits)',
    '0x + 64 hex digits',
  ), {
    group,
    secret: true,
    description: 'key that signs orders and redemptions; required when POLYBOT_DRY_RUN=false',
  }),
  clobApiKey: optional('POLYBOT_CLOB_API_KEY', textKind(), {
    group,
    secret: true,
    description: 'CLOB L2 API key (derived from the private key when unset)',
  }),
  clobApiSecret: optional('POLYBOT_CLOB_API_SECRET', textKind(), {
    group,
    secret: true,
    description: 'CLOB L2 API secret',
  }),
  clobPassphrase: optional('POLYBOT_CLOB_PASSPHRASE', textKind(), {
    group,
    secret: true,
    description: 'CLOB L2 API passphrase',
  }),
  signatureType: withDefault('POLYBOT_SIGNATURE_TYPE', codeKind([0, 1, 2, 3]), '0', {
    group,
    description: 'order signature type: 0 EOA, 1 POLY_PROXY, 2 POLY_GNOSIS_SAFE, 3 POLY_1271',
  }),
  funderAddress: optional('POLYBOT_FUNDER_ADDRESS', address, {
    group,
    description: 'address holding the funds when it differs from the signer (proxy wallets)',
  }),
  apiToken: optional('POLYBOT_API_TOKEN', textKind(), {
    group,
    secret: true,
    description: 'bearer token (`secret` or `name:secret`; the name is recorded as the approver) for every REST API route but GET /health and /metrics; unset = no check, and the API refuses a non-loopback POLYBOT_API_HOST',
  }),
  webhookUrl: optional('POLYBOT_WEBHOOK_URL', urlKind({ protocols: ['http', 'https'] }), {
    group,
    secret: true,
    description: 'the API POSTs each new intent and each kill switch trip here as JSON, retried with backoff; unset = no webhook',
  }),
};
