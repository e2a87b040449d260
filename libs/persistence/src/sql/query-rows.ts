import type { EntityManager } from 'typeorm';

/**
 * Runs one statement and returns its rows, whatever the command (TypeORM returns
 * `[rows, count]` for UPDATE/DELETE and `rows` otherwise; the structured result hides that).
 */
export async function queryRows<T>(manager: EntityManager, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  const runner = manager.queryRunner ?? manager.dataSource.createQueryRunner();
  try {
    const result = await runner.query(sql, [...params], true);
    return (result.records ?? []) as T[];
  } finally {
    if (manager.queryRunner === undefined) await runner.release();
  }
}

/** int8 columns (bigserial ids, sums) come back from pg as strings. */
export function toNumber(value: string | number | null): number {
  return value === null ? 0 : Number(value);
}

export function toNullableNumber(value: string | number | null): number | null {
  return value === null ? null : Number(value);
}
