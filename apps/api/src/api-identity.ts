import { Inject, Injectable } from '@nestjs/common';
import type { Settings } from '@polybot/config';
import { SETTINGS } from '@polybot/runtime';
import { apiActor, parseApiToken, type ApiToken } from './api-token';

/** Who the API acts as: the one configured token (if any) and the actor its decisions record. */
@Injectable()
export class ApiIdentity {
  readonly token: ApiToken | undefined;
  /** decided_by / cleared_by: `api:<token name>` with a token, `api` without. */
  readonly actor: string;

  constructor(@Inject(SETTINGS) settings: Pick<Settings, 'apiToken'>) {
    this.token = parseApiToken(settings.apiToken);
    this.actor = apiActor(this.token);
  }
}
