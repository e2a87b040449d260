import { Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { KillSwitchService, type KillSwitchJson } from '@polybot/intents';
import { API_ACTOR, ApiTokenGuard } from './api-token.guard';
import { killSwitchNameSchema } from './report-request.schemas';
import { ZodValidationPipe } from './zod-validation.pipe';

/** Every kill switch's state; clearing one is a decision, so it needs the bearer token like approvals. */
@Controller('kill-switches')
export class KillSwitchesController {
  constructor(private readonly killSwitches: KillSwitchService) {}

  @Get()
  list(): Promise<KillSwitchJson[]> {
    return this.killSwitches.list();
  }

  /** 400 for an unknown name (the message lists the valid ones), 409 when the switch is not tripped. */
  @Post(':name/clear')
  @HttpCode(200)
  @UseGuards(ApiTokenGuard)
  clear(@Param('name', new ZodValidationPipe(killSwitchNameSchema)) name: string): Promise<KillSwitchJson> {
    return this.killSwitches.clear(name, API_ACTOR);
  }
}
