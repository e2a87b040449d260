import { BadRequestException, type PipeTransform } from '@nestjs/common';
import type { z, ZodIssue } from 'zod';

/** One line naming every problem, e.g. `status must be one of ...; unknown parameter "stauts"`. */
export function describeIssues(issues: readonly ZodIssue[]): string {
  return issues
    .map((issue) => {
      if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `unknown parameter "${key}"`).join('; ');
      if (issue.code === 'invalid_type' && issue.path.length > 0 && issue.received !== 'undefined') {
        return `${issue.path.join('.')} must be a ${issue.expected}, got ${issue.received}`;
      }
      return issue.message;
    })
    .join('; ');
}

/** Validates one request part (param, query or body) against a zod schema; failures are 400s. */
export class ZodValidationPipe<S extends z.ZodTypeAny> implements PipeTransform<unknown, z.output<S>> {
  constructor(
    private readonly schema: S,
    /** Used when the part is absent (e.g. a POST without a body). */
    private readonly whenAbsent?: unknown,
  ) {}

  transform(value: unknown): z.output<S> {
    const result = this.schema.safeParse(value === undefined ? this.whenAbsent : value);
    if (!result.success) throw new BadRequestException(describeIssues(result.error.issues));
    return result.data as z.output<S>;
  }
}
