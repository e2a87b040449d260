import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryRows, toNumber } from '../sql/query-rows';

export interface VenueCall {
  readonly endpoint: string;
  readonly ok: boolean;
  readonly at: Date;
}

const MINUTE_MS = 60_000;

function bucketOf(at: Date): number {
  return Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS;
}

/** Per-minute ok/error counters per endpoint: what the API-error kill switch reads. */
@Injectable()
export class VenueCallRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(endpoint: string, ok: boolean, at: Date): Promise<void> {
    await this.recordMany([{ endpoint, ok, at }]);
  }

  /** Counts are summed in memory first, so one statement covers the batch. */
  async recordMany(calls: readonly VenueCall[]): Promise<void> {
    if (calls.length === 0) return;
    const buckets = new Map<string, { bucket: number; endpoint: string; ok: number; errors: number }>();
    for (const call of calls) {
      const bucket = bucketOf(call.at);
      const key = `${bucket}|${call.endpoint}`;
      const counts = buckets.get(key) ?? { bucket, endpoint: call.endpoint, ok: 0, errors: 0 };
      if (call.ok) counts.ok += 1;
      else counts.errors += 1;
      buckets.set(key, counts);
    }
    const rows = [...buckets.values()];
    await queryRows(
      this.dataSource.manager,
      `INSERT INTO venue_calls (bucket_start, endpoint, ok_count, error_count)
       SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::int[], $4::int[])
       ON CONFLICT (bucket_start, endpoint) DO UPDATE SET
         ok_count = venue_calls.ok_count + EXCLUDED.ok_count,
         error_count = venue_calls.error_count + EXCLUDED.error_count`,
      [rows.map((r) => new Date(r.bucket)), rows.map((r) => r.endpoint), rows.map((r) => r.ok), rows.map((r) => r.errors)],
    );
  }

  /** Calls and errors in every minute bucket that starts at or after the minute containing `since`. */
  async errorRate(since: Date): Promise<{ calls: number; errors: number }> {
    const [row] = await queryRows<{ ok: string | null; errors: string | null }>(
      this.dataSource.manager,
      'SELECT sum(ok_count) AS ok, sum(error_count) AS errors FROM venue_calls WHERE bucket_start >= $1',
      [new Date(bucketOf(since))],
    );
    const errors = toNumber(row.errors);
    return { calls: toNumber(row.ok) + errors, errors };
  }
}
