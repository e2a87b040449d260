import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { KILL_SWITCH_NAMES } from '@polybot/domain';
import { KillSwitchService, type KillSwitchJson } from '@polybot/intents';
import { ApiIdentity } from './api-identity';
import { ApiErrorDto, KillSwitchDto } from './openapi/operator.dto';
import { killSwitchNameSchema } from './report-request.schemas';
import { ZodValidationPipe } from './zod-validation.pipe';

/** Every kill switch's state; clearing one is a decision, recorded with the token's name. */
@ApiTags('kill switches')
@Controller('kill-switches')
export class KillSwitchesController {
  constructor(
    private readonly killSwitches: KillSwitchService,
    private readonly identity: ApiIdentity,
  ) {}

  @Get()
  @ApiOkResponse({ type: [KillSwitchDto] })
  list(): Promise<KillSwitchJson[]> {
    return this.killSwitches.list();
  }

  /** 400 for an unknown name (the message lists the valid ones), 409 when the switch is not tripped. */
  @Post(':name/clear')
  @HttpCode(200)
  @ApiParam({ name: 'name', enum: KILL_SWITCH_NAMES })
  @ApiOkResponse({ type: KillSwitchDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'the switch is not tripped' })
  clear(@Param('name', new ZodValidationPipe(killSwitchNameSchema)) name: string): Promise<KillSwitchJson> {
    return this.killSwitches.clear(name, this.identity.actor);
  }
}
