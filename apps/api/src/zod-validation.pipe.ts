import { BadRequestException, type PipeTransform } from '@nestjs/common';
import type { z, ZodIssue } from 'zod';

export interface ZodValidationOptions {
  /** Used when the part is absent (e.g. a POST without a body). */
  readonly whenAbsent?: unknown;
  /** What an unexpected key is called in messages: a query "parameter" or a body "field". */
  readonly keyNoun?: 'parameter' | 'field';
}

/** One line naming every problem, e.g. `status must be one of ...; unknown parameter "stauts"`. */
export function describeIssues(issues: readonly ZodIssue[], keyNoun: 'parameter' | 'field' = 'parameter'): string {
  return issues
    .map((issue) => (issue.code === 'unrecognized_keys' ? issue.keys.map((key) => `unknown ${keyNoun} "${key}"`).join('; ') : issue.message))
    .join('; ');
}

/** Validates one request part (param, query or body) against a zod schema; failures are 400s. */
export class ZodValidationPipe<S extends z.ZodTypeAny> implements PipeTransform<unknown, z.output<S>> {
  constructor(
    private readonly schema: S,
    private readonly opts: ZodValidationOptions = {},
  ) {}

  transform(value: unknown): z.output<S> {
    const result = this.schema.safeParse(value === undefined ? this.opts.whenAbsent : value);
    if (!result.success) throw new BadRequestException(describeIssues(result.error.issues, this.opts.keyNoun));
    return result.data as z.output<S>;
  }
}
