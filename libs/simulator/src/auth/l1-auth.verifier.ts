import { verifyTypedData } from 'ethers';
import type { IncomingHttpHeaders } from 'node:http';
import { POLYGON_CHAIN_ID } from '../venue/polygon.contracts';

export const CLOB_AUTH_MESSAGE = 'This message attests that I control the given wallet';
const CLOB_AUTH_TYPES = {
  ClobAuth: [
    { name: 'address', type: 'address' },
    { name: 'timestamp', type: 'string' },
    { name: 'nonce', type: 'uint256' },
    { name: 'message', type: 'string' },
  ],
};

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The address and nonce proven by L1 headers (EIP-712 ClobAuth), or null when they prove nothing. */
export function verifyL1Headers(headers: IncomingHttpHeaders): { address: string; nonce: string } | null {
  const address = header(headers, 'POLY_ADDRESS');
  const signature = header(headers, 'POLY_SIGNATURE');
  const timestamp = header(headers, 'POLY_TIMESTAMP');
  const nonce = header(headers, 'POLY_NONCE') ?? '0';
  if (!address || !signature || !timestamp || !/^0x[0-9a-fA-F]{40}$/.test(address) || !/^\d+$/.test(nonce)) return null;
  try {
    const recovered = verifyTypedData(
      { name: 'ClobAuthDomain', version: '1', chainId: POLYGON_CHAIN_ID },
      CLOB_AUTH_TYPES,
      { address, timestamp, nonce, message: CLOB_AUTH_MESSAGE },
      signature,
    );
    return recovered.toLowerCase() === address.toLowerCase() ? { address: address.toLowerCase(), nonce } : null;
  } catch {
    return null;
  }
}

export { header as polyHeader };
