export * from './market/market.types';
export * from './strategy/signal.types';
export * from './intent/intent.types';
export * from './risk/risk-check.types';
export * from './intent/intent-lifecycle';
export * from './market/order-book';
