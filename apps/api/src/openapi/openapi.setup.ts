import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { QUEUE_BOARD_PATH } from '../queue-board';

export const DOCS_PATH = 'docs';
export const DOCS_JSON_PATH = 'docs-json';

/** The OpenAPI document, built from the controllers' decorators, plus the routes Nest does not own. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('polyb0t API')
    .setDescription(
      'Human-in-the-loop approval of trade intents. With POLYBOT_API_TOKEN set, every route but GET /health and GET /metrics needs `Authorization: Bearer <token>`.',
    )
    .setVersion('1')
    .addBearerAuth()
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  // Bull Board is an express router mounted beside Nest; documented by hand so the list is complete.
  document.paths[QUEUE_BOARD_PATH] = {
    get: {
      tags: ['operations'],
      summary: 'Bull Board: every queue of the pipeline, read-only (HTML)',
      responses: { '200': { description: 'the Bull Board page', content: { 'text/html': {} } } },
    },
  };
  // The probes and the page answer without the token.
  for (const open of ['/health', '/metrics', '/']) {
    const get = document.paths[open]?.get;
    if (get) get.security = [];
  }
  return document;
}

/** Interactive docs at /docs and the JSON at /docs-json (both behind the token when one is set). */
export function configureOpenApi(app: INestApplication): void {
  SwaggerModule.setup(DOCS_PATH, app, () => buildOpenApiDocument(app), { jsonDocumentUrl: DOCS_JSON_PATH, raw: ['json'] });
}
