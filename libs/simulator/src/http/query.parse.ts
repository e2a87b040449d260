import type { Request } from 'express';
import { BadRequestError } from './bad-request.error';

type Query = Request['query'];

/** Repeated keys (`a=1&a=2`) and comma lists (`a=1,2`) both give ['1', '2']. */
export function queryList(query: Query, key: string): string[] {
  const raw = query[key];
  const values = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return values
    .filter((v): v is string => typeof v === 'string')
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

export function queryString(query: Query, key: string): string | undefined {
  return queryList(query, key)[0];
}

export function queryBool(query: Query, key: string): boolean | undefined {
  const value = queryString(query, key);
  if (value === undefined) return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new BadRequestError(`${key} must be true or false, got "${value}"`);
}

export function queryInt(query: Query, key: string, fallback: number, min = 0): number {
  const value = queryString(query, key);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min) throw new BadRequestError(`${key} must be an integer >= ${min}, got "${value}"`);
  return parsed;
}

export function queryNumber(query: Query, key: string): number | undefined {
  const value = queryString(query, key);
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new BadRequestError(`${key} must be a number, got "${value}"`);
  return parsed;
}

export function queryDate(query: Query, key: string): number | undefined {
  const value = queryString(query, key);
  if (value === undefined) return undefined;
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) throw new BadRequestError(`${key} must be an ISO date, got "${value}"`);
  return parsed;
}
