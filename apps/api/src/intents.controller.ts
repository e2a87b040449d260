import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { INTENT_STATUSES } from '@polybot/domain';
import { intentJson, IntentService, type IntentJson } from '@polybot/intents';
import { DEFAULT_INTENT_LIST_LIMIT } from '@polybot/persistence';
import type { Response } from 'express';
import { ApiIdentity } from './api-identity';
import {
  intentIdSchema,
  listIntentsQuerySchema,
  MAX_LIST_LIMIT,
  rejectIntentBodySchema,
  type ListIntentsQuery,
  type RejectIntentBody,
} from './intent-request.schemas';
import { ApiErrorDto } from './openapi/operator.dto';
import { IntentDto, RejectIntentDto } from './openapi/intent.dto';
import { ZodValidationPipe } from './zod-validation.pipe';

const TOTAL_COUNT = 'X-Total-Count';
const ID_PARAM = { name: 'id', description: 'full id or a unique prefix of at least 6 characters' } as const;

/**
 * Intents as snake_case JSON (see intentJson). `GET /intents` answers a bare JSON array, newest
 * first, so `curl .../intents | jq '.[0].id'` works; errors are `{ error, ...extra }`.
 */
@ApiTags('intents')
@ApiBadRequestResponse({ type: ApiErrorDto })
@Controller('intents')
export class IntentsController {
  constructor(
    private readonly intents: IntentService,
    private readonly identity: ApiIdentity,
  ) {}

  /**
   * Open intents by default; `?status=` one status, `?all=true` every status, `?limit=` 1..1000
   * (default 100). `X-Total-Count` says how many matched, so a client can tell a cut list.
   */
  @Get()
  @ApiQuery({ name: 'status', required: false, enum: INTENT_STATUSES })
  @ApiQuery({ name: 'all', required: false, enum: ['true', 'false', '1', '0'], description: 'every status, not only open ones' })
  @ApiQuery({ name: 'limit', required: false, type: Number, description: `1..${MAX_LIST_LIMIT}, default ${DEFAULT_INTENT_LIST_LIMIT}` })
  @ApiOkResponse({
    type: [IntentDto],
    description: 'the newest intents first, at most `limit` of them',
    headers: { [TOTAL_COUNT]: { description: 'how many intents match in all; more than the array holds when the limit cut it', schema: { type: 'integer' } } },
  })
  async list(@Query(new ZodValidationPipe(listIntentsQuerySchema)) query: ListIntentsQuery, @Res({ passthrough: true }) response: Response): Promise<IntentJson[]> {
    const { views, total } = await this.intents.listWithTotal(query);
    response.setHeader(TOTAL_COUNT, String(total));
    return views.map((view) => intentJson(view.intent, view.execution));
  }

  /** Full id or a unique prefix of at least 6 characters. */
  @Get(':id')
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: IntentDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  async get(@Param('id', new ZodValidationPipe(intentIdSchema)) id: string): Promise<IntentJson> {
    const view = await this.intents.get(id);
    return intentJson(view.intent, view.execution);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: IntentDto, description: 'the intent, now APPROVED; decided_by records the token name' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({
    type: ApiErrorDto,
    description: 'not PENDING any more (`status` says what it is), blocked by a risk re-check, or the running services trade in the other mode than this API',
  })
  async approve(@Param('id', new ZodValidationPipe(intentIdSchema)) id: string): Promise<IntentJson> {
    return intentJson(await this.intents.approve(id, this.identity.actor));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiParam(ID_PARAM)
  @ApiBody({ type: RejectIntentDto, required: false })
  @ApiOkResponse({ type: IntentDto, description: 'the intent, now REJECTED' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'not PENDING any more; `status` says what it is' })
  async reject(
    @Param('id', new ZodValidationPipe(intentIdSchema)) id: string,
    @Body(new ZodValidationPipe(rejectIntentBodySchema, { whenAbsent: {}, keyNoun: 'field' })) body: RejectIntentBody,
  ): Promise<IntentJson> {
    return intentJson(await this.intents.reject(id, this.identity.actor, body.reason));
  }
}
