export { createTestRuntime, type TestRuntime } from './test-runtime';
export { testMarket, testNegRiskEvent, testQuote } from './market-snapshot.fixture';
