// The signing side of the venue: orders, the account, claims on chain. Apart from the market-data
// entry point (index.ts) because it loads ethers and @polymarket/clob-client-v2 (~25 MB of RSS per
// process): the ingestor, strategy and api never sign anything and do not pay for it.
export { ClobTradingClient, type ClobTradingOptions } from './trading/clob-trading.client';
export { AccountStateReader, type AccountState, type AccountStateReaderOptions } from './account/account-state.reader';
export { parseDataApiPositions, type DataApiPosition } from './account/data-api-position.wire';
export { RedeemPositionsSender, RedeemError, POLYGON_CONTRACTS, type RedeemReceipt, type RedeemRequest, type RedeemSenderOptions } from './chain/redeem-positions.sender';
export { UserChannelWatcher, orderIdsOf, type UserChannelOptions } from './trading/user-channel.watcher';
export { createAccountStateReader, type AccountStateConfig } from './account/account-state-reader.factory';
