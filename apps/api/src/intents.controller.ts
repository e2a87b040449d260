import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { intentJson, IntentService, type IntentJson } from '@polybot/intents';
import { API_ACTOR, ApiTokenGuard } from './api-token.guard';
import {
  intentIdSchema,
  listIntentsQuerySchema,
  rejectIntentBodySchema,
  type ListIntentsQuery,
  type RejectIntentBody,
} from './intent-request.schemas';
import { ZodValidationPipe } from './zod-validation.pipe';

/**
 * Intents as snake_case JSON (see intentJson). `GET /intents` answers a bare JSON array, newest
 * first, so `curl .../intents | jq '.[0].id'` works; errors are `{ error, ...extra }`.
 */
@Controller('intents')
export class IntentsController {
  constructor(private readonly intents: IntentService) {}

  /** Open intents by default; `?status=` one status, `?all=true` every status, `?limit=` 1..1000. */
  @Get()
  async list(@Query(new ZodValidationPipe(listIntentsQuerySchema)) query: ListIntentsQuery): Promise<IntentJson[]> {
    const views = await this.intents.list(query);
    return views.map((view) => intentJson(view.intent, view.execution));
  }

  /** Full id or a unique prefix of at least 6 characters. */
  @Get(':id')
  async get(@Param('id', new ZodValidationPipe(intentIdSchema)) id: string): Promise<IntentJson> {
    const view = await this.intents.get(id);
    return intentJson(view.intent, view.execution);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @UseGuards(ApiTokenGuard)
  async approve(@Param('id', new ZodValidationPipe(intentIdSchema)) id: string): Promise<IntentJson> {
    return intentJson(await this.intents.approve(id, API_ACTOR));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @UseGuards(ApiTokenGuard)
  async reject(
    @Param('id', new ZodValidationPipe(intentIdSchema)) id: string,
    @Body(new ZodValidationPipe(rejectIntentBodySchema, { whenAbsent: {}, keyNoun: 'field' })) body: RejectIntentBody,
  ): Promise<IntentJson> {
    return intentJson(await this.intents.reject(id, API_ACTOR, body.reason));
  }
}
