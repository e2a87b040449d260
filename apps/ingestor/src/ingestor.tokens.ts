export const MARKET_DATA_SOURCE = Symbol('polybot.market-data-source');
