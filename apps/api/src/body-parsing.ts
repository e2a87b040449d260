import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

export const BODY_LIMIT = '16kb';

/**
 * JSON bodies up to BODY_LIMIT. Parser failures are answered right here, before routing, so a
 * bad body is a plain 400/413 in the API's error model and never reaches a handler.
 */
export function configureBodyParsing(app: INestApplication): void {
  const express = app as NestExpressApplication;
  // Registered before init, so Nest skips its own default (100kb) parsers.
  express.useBodyParser('json', { limit: BODY_LIMIT });
  express.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false });
  express.use(answerBodyErrors);
}

const BODY_ERRORS: Record<string, string> = {
  'entity.parse.failed': 'the request body is not valid JSON',
  'entity.too.large': `the request body is larger than ${BODY_LIMIT}`,
  'charset.unsupported': 'the request body charset is not supported (use utf-8)',
  'encoding.unsupported': 'the request body content encoding is not supported',
};

function answerBodyErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const { type, status } = (typeof error === 'object' && error !== null ? error : {}) as { type?: unknown; status?: unknown };
  // body-parser marks its own errors with a `type` and a 4xx status; anything else is not ours to answer.
  if (typeof type !== 'string' || typeof status !== 'number' || status < 400 || status > 499) return next(error);
  res.status(status).json({ error: BODY_ERRORS[type] ?? 'the request body could not be read' });
}
