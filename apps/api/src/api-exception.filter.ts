import { Catch, HttpException, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { IntentActionError, IntentStateConflictError } from '@polybot/intents';
import { scrubSecrets, type Logger } from '@polybot/observability';

export interface ApiErrorBody {
  error: string;
  [extra: string]: unknown;
}

/**
 * The API's one error model: `{ error, ...extra }`. Intent errors keep their own status (409 adds
 * the intent's real status); anything unexpected is a bare 500 whose details go only to the log.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.toResponse(exception);
    if (response.headersSent) return;
    response.status(status).json(body);
  }

  private toResponse(exception: unknown): { status: number; body: ApiErrorBody } {
    if (exception instanceof IntentActionError) {
      if (exception.httpStatus === 503) this.logger.warn({ err: exception }, 'Intent request failed: database unavailable');
      const extra = exception instanceof IntentStateConflictError ? { status: exception.current } : {};
      return { status: exception.httpStatus, body: { error: scrubSecrets(exception.message), ...extra } };
    }
    if (exception instanceof HttpException) {
      return { status: exception.getStatus(), body: { error: scrubSecrets(messageOf(exception)) } };
    }
    this.logger.error({ err: exception }, 'Unhandled error in API request');
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: { error: 'internal error' } };
  }
}

/** Nest puts a string or `{ message: string | string[] }` in the response of its HttpExceptions. */
function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return typeof message === 'string' ? message : exception.message;
}
