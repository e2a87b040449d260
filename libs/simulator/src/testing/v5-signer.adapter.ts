import type { Wallet } from 'ethers';

/** clob-client-v2 wants an ethers v5 signer (`_signTypedData`); this adapts an ethers v6 Wallet to that shape. */
export function v5Signer(wallet: Wallet) {
  return {
    getAddress: async () => wallet.address,
    _signTypedData: (domain: Record<string, unknown>, types: Record<string, { name: string; type: string }[]>, value: Record<string, unknown>) =>
      wallet.signTypedData(domain, types, value),
  };
}
