/** Polygon mainnet addresses the CLOB V2 venue signs and settles against (same as clob-client-v2's config). */
export const POLYGON_CHAIN_ID = 137;
export const CTF_EXCHANGE_V2 = '0xE111180000d2663C0091e4f400237545B87B996B';
export const NEG_RISK_CTF_EXCHANGE_V2 = '0xe2222d279d744050d28e00520010520000310F59';
export const NEG_RISK_ADAPTER = '0xd91E80cF2E7be2e162c6513ceD06f1dD0dA35296';
export const CONDITIONAL_TOKENS = '0x4D97DCd97eC945f40cF65F87097ACe5EA0476045';
export const PUSD = '0xC011a7E12a19f7B1f670d46F03B03f3342E82DFB';
export const ZERO_BYTES32 = `0x${'0'.repeat(64)}`;
/** pUSD and outcome shares both carry 6 decimals. */
export const MICRO = 1_000_000;
/** What the venue reports as the allowance once approvals are in place (uint256 max). */
export const MAX_ALLOWANCE = (2n ** 256n - 1n).toString();
