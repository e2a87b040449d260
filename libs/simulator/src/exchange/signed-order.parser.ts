import { TypedDataEncoder, verifyTypedData } from 'ethers';
import { z } from 'zod';
import { CTF_EXCHANGE_V2, NEG_RISK_CTF_EXCHANGE_V2, POLYGON_CHAIN_ID, ZERO_BYTES32 } from '../venue/polygon.contracts';

const uintString = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform((v) => String(v));
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 0x address');
const bytes32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'must be 32 bytes of hex');

export const signedOrderSchema = z.object({
  salt: uintString,
  maker: address,
  signer: address,
  taker: z.string().optional(),
  tokenId: z.string().regex(/^\d+$/, 'must be a decimal token id'),
  makerAmount: uintString,
  takerAmount: uintString,
  side: z.enum(['BUY', 'SELL']),
  signatureType: z.number().int().min(0).max(3),
  timestamp: uintString,
  expiration: uintString.default('0'),
  metadata: bytes32.default(ZERO_BYTES32),
  builder: bytes32.default(ZERO_BYTES32),
  signature: z.string().regex(/^0x[0-9a-fA-F]+$/, 'must be hex'),
});

export const postOrderSchema = z.object({
  order: signedOrderSchema,
  owner: z.string().min(1),
  orderType: z.enum(['GTC', 'GTD', 'FOK', 'FAK']).default('GTC'),
  postOnly: z.boolean().default(false),
  deferExec: z.boolean().default(false),
});

export type SignedOrder = z.infer<typeof signedOrderSchema>;
export type PostOrderBody = z.infer<typeof postOrderSchema>;

/** CTF Exchange V2's Order struct; `expiration` travels with the order but is not signed. */
const ORDER_TYPES = {
  Order: [
    { name: 'salt', type: 'uint256' },
    { name: 'maker', type: 'address' },
    { name: 'signer', type: 'address' },
    { name: 'tokenId', type: 'uint256' },
    { name: 'makerAmount', type: 'uint256' },
    { name: 'takerAmount', type: 'uint256' },
    { name: 'side', type: 'uint8' },
    { name: 'signatureType', type: 'uint8' },
    { name: 'timestamp', type: 'uint256' },
    { name: 'metadata', type: 'bytes32' },
    { name: 'builder', type: 'bytes32' },
  ],
};

function typedData(order: SignedOrder, negRisk: boolean) {
  const domain = {
    name: 'Polymarket CTF Exchange',
    version: '2',
    chainId: POLYGON_CHAIN_ID,
    verifyingContract: negRisk ? NEG_RISK_CTF_EXCHANGE_V2 : CTF_EXCHANGE_V2,
  };
  const message = {
    salt: order.salt,
    maker: order.maker,
    signer: order.signer,
    tokenId: order.tokenId,
    makerAmount: order.makerAmount,
    takerAmount: order.takerAmount,
    side: order.side === 'BUY' ? 0 : 1,
    signatureType: order.signatureType,
    timestamp: order.timestamp,
    metadata: order.metadata,
    builder: order.builder,
  };
  return { domain, message };
}

/** The venue's order id: the EIP-712 hash of the signed order, so a client can know it before posting. */
export function orderHash(order: SignedOrder, negRisk: boolean): string {
  const { domain, message } = typedData(order, negRisk);
  return TypedDataEncoder.hash(domain, ORDER_TYPES, message);
}

/** The address that signed the order for this exchange, or null if the signature recovers nothing. */
export function recoverOrderSigner(order: SignedOrder, negRisk: boolean): string | null {
  const { domain, message } = typedData(order, negRisk);
  try {
    return verifyTypedData(domain, ORDER_TYPES, message, order.signature).toLowerCase();
  } catch {
    return null;
  }
}
