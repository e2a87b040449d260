export { countQueries } from './count-queries';
export { createTestDatabase, testServerUrl, type TestDatabase } from './create-test-database';
export { newIntent, PASSING_CHECKS, secondsAfter, T0 } from './intent.fixture';
export { RoundTripDepth } from './round-trip-depth';
export { callTimeline, type WatchedMethod } from './call-timeline';
