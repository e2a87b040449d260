import fc from 'fast-check';
import { checkPayload, parsePayload } from '../payload-validation';
import { QueueName } from '../queue-names';
import { snapshotBatchSchema } from './market-snapshot.schema';
import { isSnapshotBatch } from './snapshot-batch.guard';
import { asJson, brokenBatch } from './test/broken-batch.arbitrary';
import { BATCH } from './test/snapshot-batch.fixture';

/** The fast snapshot batch check vs snapshotBatchSchema: never a yes the schema would refuse; a refusal reads as before. */
describe('snapshot batch fast check (5,000 generated batches)', () => {
  it('accepts the real shape', () => {
    expect(isSnapshotBatch(BATCH)).toBe(true);
    expect(isSnapshotBatch(asJson(BATCH))).toBe(true);
  });

  it('on JSON (what Redis hands a consumer) it agrees with the schema exactly', () => {
    let refused = 0;
    fc.assert(
      fc.property(brokenBatch.map(asJson), (data) => {
        const schema = snapshotBatchSchema.safeParse(data).success;
        expect(isSnapshotBatch(data)).toBe(schema);
        if (!schema) refused += 1;
      }),
      { numRuns: 4000, seed: 6 },
    );
    expect(refused).toBeGreaterThan(500);
  });

  it('on any JavaScript value it never says yes where the schema says no, and a refusal carries the schema words', () => {
    fc.assert(
      fc.property(fc.oneof(brokenBatch, fc.anything()), (data) => {
        if (isSnapshotBatch(data)) expect(snapshotBatchSchema.safeParse(data).success).toBe(true);
        const consumed = (() => {
          try {
            return checkPayload(QueueName.SnapshotsForRisk, data);
          } catch (error) {
            return error instanceof Error ? error.message : 'not an Error';
          }
        })();
        const parsed = (() => {
          try {
            return parsePayload(QueueName.SnapshotsForRisk, data);
          } catch (error) {
            return error instanceof Error ? error.message : 'not an Error';
          }
        })();
        if (typeof parsed === 'string') expect(consumed).toBe(parsed);
        else expect(consumed).toMatchObject(parsed);
      }),
      { numRuns: 1000, seed: 6 },
    );
  });
});
