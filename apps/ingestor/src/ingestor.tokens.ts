export const MARKET_DATA_SOURCE = Symbol('polybot.market-data-source');
/** The market channel stream, or null when POLYBOT_STREAMING is off. */
export const MARKET_STREAM = Symbol('polybot.market-stream');
