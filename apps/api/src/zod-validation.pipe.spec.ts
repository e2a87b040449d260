import { BadRequestException } from '@nestjs/common';
import { intentIdSchema, listIntentsQuerySchema, rejectIntentBodySchema } from './intent-request.schemas';
import { ZodValidationPipe } from './zod-validation.pipe';

function messageOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    if (error instanceof BadRequestException) return error.message;
    throw error;
  }
  throw new Error('expected a BadRequestException');
}

describe('ZodValidationPipe with the intent request schemas', () => {
  const query = new ZodValidationPipe(listIntentsQuerySchema);
  const body = new ZodValidationPipe(rejectIntentBodySchema, { whenAbsent: {}, keyNoun: 'field' });

  it('turns query text into typed list options', () => {
    expect(query.transform({ status: 'EXPIRED', all: 'true', limit: '25' })).toEqual({ status: 'EXPIRED', all: true, limit: 25 });
    expect(query.transform({ all: '0' })).toEqual({ all: false });
    expect(query.transform({})).toEqual({});
  });

  it('names every problem in one message', () => {
    expect(messageOf(() => query.transform({ status: 'pending', limit: '5000', foo: '1' }))).toBe(
      'status must be one of PENDING, APPROVED, EXECUTING, EXECUTED, FAILED, REJECTED, EXPIRED; limit must be from 1 to 1000; unknown parameter "foo"',
    );
    expect(messageOf(() => query.transform({ status: ['PENDING', 'REJECTED'] }))).toContain('status must be one of');
    expect(messageOf(() => query.transform({ limit: '-1' }))).toBe('limit must be a whole number from 1 to 1000');
  });

  it('accepts an absent reject body and trims the reason', () => {
    expect(body.transform(undefined)).toEqual({});
    expect(body.transform({ reason: '  too thin a book  ' })).toEqual({ reason: 'too thin a book' });
    expect(messageOf(() => body.transform({ reason: '   ' }))).toBe('reason is empty');
    expect(messageOf(() => body.transform('spread'))).toBe('the request body must be a JSON object');
    expect(messageOf(() => body.transform({ note: 'x' }))).toBe('unknown field "note"');
  });

  it('bounds the id length and trims it', () => {
    const id = new ZodValidationPipe(intentIdSchema);
    expect(id.transform(' 1a2b3c4d ')).toBe('1a2b3c4d');
    expect(messageOf(() => id.transform('a'.repeat(37)))).toBe('intent id is longer than 36 characters');
  });
});
