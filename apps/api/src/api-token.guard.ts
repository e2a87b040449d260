import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Settings } from '@polybot/config';
import { SETTINGS } from '@polybot/runtime';

/** The actor recorded for decisions made through the API. */
export const API_ACTOR = 'api';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * Approvals, rejections and kill switch clears need `Authorization: Bearer <POLYBOT_API_TOKEN>` when a token is set;
 * without one the API relies on listening on localhost only.
 */
@Injectable()
export class ApiTokenGuard implements CanActivate {
  constructor(@Inject(SETTINGS) private readonly settings: Settings) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.settings.apiToken;
    if (expected === undefined || expected === '') return true;
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    // Comparing fixed-length digests keeps the check constant-time whatever the token length.
    if (match && timingSafeEqual(digest(match[1]), digest(expected))) return true;
    throw new UnauthorizedException('approving, rejecting or clearing a kill switch needs the header "Authorization: Bearer <POLYBOT_API_TOKEN>"');
  }
}
