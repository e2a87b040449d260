import fc from 'fast-check';
import { Unpackr } from 'msgpackr';
import { checkPayload } from './payload-validation';
import { asJson, brokenBatch } from './payloads/test/broken-batch.arbitrary';
import { batchOf } from './payloads/test/snapshot-batch.fixture';
import { QueueName } from './queue-names';
import { PayloadDecodeError, decodePayload, encodePayload, encodingOf } from './shared-payload.codec';

const accepted = (data: unknown): unknown => {
  try {
    return checkPayload(QueueName.SnapshotsForStrategy, data);
  } catch {
    return undefined;
  }
};

describe('shared payload codec', () => {
  it('gives a consumer what JSON would have, for every batch a producer accepts, and the consumer accepts it too', () => {
    fc.assert(
      fc.property(brokenBatch.filter((data) => accepted(data) !== undefined), (data) => {
        const payload = accepted(data);
        const decoded = decodePayload(encodePayload(payload).body, 'msgpack');
        expect(decoded).toEqual(asJson(payload));
        expect(() => checkPayload(QueueName.SnapshotsForRisk, decoded)).not.toThrow();
      }),
      { numRuns: 500, seed: 27 },
    );
  });

  it('writes records: a batch takes well under half its JSON size, and decodes with no state from the encoder', () => {
    const batch = batchOf(50, 'cycle-1');
    const { body, encoding } = encodePayload(batch);
    expect(encoding).toBe('msgpack');
    expect(body.length).toBeLessThan(Buffer.byteLength(JSON.stringify(batch)) / 2);
    // A consumer in another process has none of this encoder's state, and a second encoding must
    // not lean on record structures the first one defined.
    const again = encodePayload({ ...batch, cycleId: 'cycle-2' }).body;
    expect(new Unpackr({ useRecords: true }).unpack(again)).toEqual({ ...batch, cycleId: 'cycle-2' });
  });

  it('reads JSON bodies stored before MessagePack, and names what it cannot decode, keeping the original', () => {
    expect(decodePayload(Buffer.from('{"v":1}'), 'json')).toEqual({ v: 1 });
    expect(() => decodePayload(Buffer.from('{"v":'), 'json')).toThrow(PayloadDecodeError);
    try {
      decodePayload(Buffer.from([0xde, 0x00]), 'msgpack');
      throw new Error('decoded a truncated map');
    } catch (error) {
      expect(error).toBeInstanceOf(PayloadDecodeError);
      expect((error as PayloadDecodeError).original).toEqual({ encoding: 'msgpack', base64: Buffer.from([0xde, 0x00]).toString('base64') });
    }
    expect([encodingOf(null), encodingOf('json'), encodingOf('msgpack'), encodingOf('gzip')]).toEqual(['json', 'json', 'msgpack', null]);
  });
});
