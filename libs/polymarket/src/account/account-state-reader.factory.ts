import { Wallet } from 'ethers';
import { connectOnce } from '../http/connect-once';
import { ClobTradingClient } from '../trading/clob-trading.client';
import type { ClobCredentials, SignatureType } from '../trading/clob-trading.types';
import { AccountStateReader } from './account-state.reader';

export interface AccountStateConfig {
  readonly dataApiUrl: string;
  readonly clobUrl: string;
  readonly timeoutMs: number;
  readonly signatureType: SignatureType;
  readonly polygonPrivateKey?: string;
  readonly funderAddress?: string;
  readonly polymarketWalletAddress?: string;
  readonly clobApiKey?: string;
  readonly clobApiSecret?: string;
  readonly clobPassphrase?: string;
}

/**
 * The live account reader from the settings: positions of the configured wallet (else the funder,
 * else the signer), open orders and balances through the signing key when there is one. A failed
 * connection is retried on the next read rather than cached.
 */
export function createAccountStateReader(config: AccountStateConfig): AccountStateReader {
  const key = config.polygonPrivateKey;
  const credentials: ClobCredentials | undefined =
    config.clobApiKey && config.clobApiSecret && config.clobPassphrase ? { key: config.clobApiKey, secret: config.clobApiSecret, passphrase: config.clobPassphrase } : undefined;
  const trading = key
    ? connectOnce(() => ClobTradingClient.connect({ clobUrl: config.clobUrl, privateKey: key, signatureType: config.signatureType, funderAddress: config.funderAddress, credentials, timeoutMs: config.timeoutMs }))
    : null;
  let signerAddress: string | null = null;
  if (key && !config.polymarketWalletAddress && !config.funderAddress) {
    try {
      signerAddress = new Wallet(key).address;
    } catch {
      signerAddress = null;
    }
  }
  return new AccountStateReader({
    dataApiUrl: config.dataApiUrl,
    walletAddress: config.polymarketWalletAddress ?? config.funderAddress ?? signerAddress,
    trading,
    timeoutMs: config.timeoutMs,
  });
}
