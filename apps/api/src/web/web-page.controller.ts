import { Controller, Get, Header } from '@nestjs/common';
import { buildApprovalPage } from './approval-page.html';

const PAGE = buildApprovalPage();

/**
 * `GET /`: the approval page. It holds no data and is served without the bearer token on purpose;
 * every call it makes to the API carries the token (asked for on the first 401).
 */
@Controller()
export class WebPageController {
  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  @Header('content-security-policy', PAGE.contentSecurityPolicy)
  @Header('x-content-type-options', 'nosniff')
  @Header('referrer-policy', 'no-referrer')
  @Header('x-frame-options', 'DENY')
  page(): string {
    return PAGE.html;
  }
}
