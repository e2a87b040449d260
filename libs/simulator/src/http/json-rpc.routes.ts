import { Router } from 'express';
import { getAddress, type TransactionLike } from 'ethers';
import { BASE_FEE_WEI, GAS_USED, PRIORITY_FEE_WEI, type SimChain } from '../chain/sim-chain';
import { CTF_ABI, ERC20_ABI, planRedeem, RevertError } from '../chain/redeem.call';
import type { AccountLedger } from '../exchange/account.ledger';
import { CONDITIONAL_TOKENS, MAX_ALLOWANCE, POLYGON_CHAIN_ID, PUSD } from '../venue/polygon.contracts';
import type { SimWorld } from '../world/sim-world.state';

interface RpcRequest {
  readonly jsonrpc?: unknown;
  readonly id?: unknown;
  readonly method?: unknown;
  readonly params?: unknown;
}

class RpcError extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

const GAS_BALANCE_WEI = 10n ** 19n;
const BLOOM = `0x${'0'.repeat(512)}`;

function hex(n: number | bigint): string {
  return `0x${BigInt(n).toString(16)}`;
}

function word(n: bigint | number | string): string {
  return `0x${BigInt(n).toString(16).padStart(64, '0')}`;
}

function param(params: unknown, i: number): unknown {
  return Array.isArray(params) ? params[i] : undefined;
}

function callObject(params: unknown): { from?: string; to?: string; data?: string } {
  const call = param(params, 0);
  if (!call || typeof call !== 'object') throw new RpcError(-32602, 'invalid params: expected a call object');
  const { from, to, data, input } = call as Record<string, unknown>;
  return {
    from: typeof from === 'string' ? from : undefined,
    to: typeof to === 'string' ? to : undefined,
    data: typeof data === 'string' ? data : typeof input === 'string' ? input : undefined,
  };
}

/**
 * Polygon JSON-RPC at /rpc, just enough for ethers v6 to read pUSD / share balances and to build,
 * send and wait for a redeem transaction. Single requests and batches (ethers batches by default).
 */
export function jsonRpcRouter(chain: SimChain, accounts: AccountLedger, world: () => SimWorld): Router {
  const router = Router();

  const block = (n: number, full: boolean) => ({
    number: hex(n),
    hash: chain.blockHash(n),
    parentHash: chain.blockHash(n - 1),
    nonce: '0x0000000000000000',
    sha3Uncles: `0x${'0'.repeat(64)}`,
    logsBloom: BLOOM,
    transactionsRoot: `0x${'0'.repeat(64)}`,
    stateRoot: `0x${'0'.repeat(64)}`,
    receiptsRoot: `0x${'0'.repeat(64)}`,
    miner: '0x0000000000000000000000000000000000000000',
    difficulty: '0x0',
    totalDifficulty: '0x0',
    extraData: '0x',
    size: '0x0',
    gasLimit: hex(30_000_000),
    gasUsed: '0x0',
    timestamp: hex(Math.floor(world().now() / 1000)),
    baseFeePerGas: hex(BASE_FEE_WEI),
    transactions: full ? [] : chain.transactions().filter((t) => t.blockNumber === n).map((t) => t.hash),
    uncles: [],
  });

  const call = (params: unknown): string => {
    const { to, data } = callObject(params);
    const input = data ?? '0x';
    if (to && to.toLowerCase() === PUSD.toLowerCase()) {
      const parsed = ERC20_ABI.parseTransaction({ data: input });
      if (parsed?.name === 'balanceOf') return word(accounts.balanceMicro(String(parsed.args[0])));
      if (parsed?.name === 'allowance') return word(MAX_ALLOWANCE);
    }
    if (to && to.toLowerCase() === CONDITIONAL_TOKENS.toLowerCase()) {
      const parsed = CTF_ABI.parseTransaction({ data: input });
      if (parsed?.name === 'balanceOf') return word(accounts.sharesMicro(String(parsed.args[0]), String(parsed.args[1])));
    }
    throw new RevertError(`eth_call to ${to ?? 'nowhere'} with selector ${input.slice(0, 10)} is not simulated (pUSD balanceOf/allowance and ConditionalTokens balanceOf are)`);
  };

  const handlers: Record<string, (params: unknown) => unknown> = {
    eth_chainId: () => hex(POLYGON_CHAIN_ID),
    net_version: () => String(POLYGON_CHAIN_ID),
    eth_blockNumber: () => hex(chain.blockNumber),
    eth_gasPrice: () => hex(BASE_FEE_WEI + PRIORITY_FEE_WEI),
    eth_maxPriorityFeePerGas: () => hex(PRIORITY_FEE_WEI),
    eth_feeHistory: (params) => {
      const count = Math.max(1, Number(param(params, 0) ?? 1));
      return {
        oldestBlock: hex(chain.blockNumber - count + 1),
        baseFeePerGas: Array.from({ length: count + 1 }, () => hex(BASE_FEE_WEI)),
        gasUsedRatio: Array.from({ length: count }, () => 0.5),
        reward: Array.from({ length: count }, () => [hex(PRIORITY_FEE_WEI)]),
      };
    },
    eth_getBlockByNumber: (params) => {
      const tag = param(params, 0);
      const n = typeof tag === 'string' && tag.startsWith('0x') ? Number(BigInt(tag)) : chain.blockNumber;
      return n > chain.blockNumber ? null : block(n, param(params, 1) === true);
    },
    eth_getBalance: () => hex(GAS_BALANCE_WEI),
    eth_getCode: () => '0x',
    eth_getTransactionCount: (params) => hex(chain.nonceOf(String(param(params, 0) ?? ''))),
    eth_call: call,
    eth_estimateGas: (params) => {
      const { from, to, data } = callObject(params);
      if (to && from) planRedeem(world(), accounts, from.toLowerCase(), { to, data } as Pick<TransactionLike, 'to' | 'data'>);
      return hex(GAS_USED);
    },
    eth_sendRawTransaction: (params) => {
      const raw = param(params, 0);
      if (typeof raw !== 'string') throw new RpcError(-32602, 'invalid params: expected the raw transaction hex');
      return chain.sendRaw(raw);
    },
    eth_getTransactionReceipt: (params) => {
      const found = chain.find(String(param(params, 0) ?? ''));
      if (!found) return null;
      const { record, raw } = found;
      return {
        transactionHash: record.hash,
        transactionIndex: '0x0',
        blockHash: chain.blockHash(record.blockNumber),
        blockNumber: hex(record.blockNumber),
        from: getAddress(record.from),
        to: getAddress(record.to),
        cumulativeGasUsed: hex(GAS_USED),
        gasUsed: hex(GAS_USED),
        effectiveGasPrice: hex(BASE_FEE_WEI + PRIORITY_FEE_WEI),
        contractAddress: null,
        logs: [],
        logsBloom: BLOOM,
        status: '0x1',
        type: hex(raw.type ?? 2),
      };
    },
    eth_getTransactionByHash: (params) => {
      const found = chain.find(String(param(params, 0) ?? ''));
      if (!found) return null;
      const { record, raw } = found;
      const sig = raw.signature;
      return {
        hash: record.hash,
        from: getAddress(record.from),
        to: raw.to,
        nonce: hex(raw.nonce),
        blockHash: chain.blockHash(record.blockNumber),
        blockNumber: hex(record.blockNumber),
        transactionIndex: '0x0',
        value: hex(raw.value),
        gas: hex(raw.gasLimit),
        gasPrice: hex(raw.gasPrice ?? raw.maxFeePerGas ?? 0n),
        maxFeePerGas: raw.maxFeePerGas === null ? undefined : hex(raw.maxFeePerGas),
        maxPriorityFeePerGas: raw.maxPriorityFeePerGas === null ? undefined : hex(raw.maxPriorityFeePerGas),
        input: raw.data,
        type: hex(raw.type ?? 2),
        chainId: hex(raw.chainId),
        accessList: [],
        v: hex(sig?.v ?? 27),
        yParity: hex(sig?.yParity ?? 0),
        r: sig?.r ?? '0x0',
        s: sig?.s ?? '0x0',
      };
    },
  };

  const answer = (request: RpcRequest) => {
    const id = request.id ?? null;
    try {
      if (typeof request.method !== 'string') throw new RpcError(-32600, 'invalid request: method must be a string');
      const handler = handlers[request.method];
      if (!handler) throw new RpcError(-32601, `the method ${request.method} does not exist/is not available`);
      return { jsonrpc: '2.0', id, result: handler(request.params) };
    } catch (err) {
      if (err instanceof RevertError) return { jsonrpc: '2.0', id, error: { code: 3, message: err.message, data: err.data } };
      const code = err instanceof RpcError ? err.code : -32000;
      return { jsonrpc: '2.0', id, error: { code, message: err instanceof Error ? err.message : String(err) } };
    }
  };

  router.post('/', (req, res) => {
    const body: unknown = req.body;
    if (Array.isArray(body)) return void res.json(body.map((entry) => answer((entry ?? {}) as RpcRequest)));
    if (!body || typeof body !== 'object') return void res.json({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'parse error: expected a JSON-RPC object or batch' } });
    res.json(answer(body as RpcRequest));
  });

  return router;
}
