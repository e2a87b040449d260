import type { INestApplication } from '@nestjs/common';
import { QUEUE_BOARD_PATH } from '../queue-board';

export interface RouterRoute {
  readonly method: string;
  readonly path: string;
}

interface ExpressLayer {
  readonly name: string;
  readonly route?: { readonly path: string; readonly methods: Record<string, boolean> };
}

/**
 * Every route the running app answers, read from the express router itself (Nest's controllers,
 * the docs), plus Bull Board, which is a whole express app mounted at QUEUE_BOARD_PATH.
 */
export function routerRoutes(app: INestApplication): RouterRoute[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: ExpressLayer[] } };
  const routes: RouterRoute[] = [];
  for (const layer of express.router.stack) {
    if (layer.route) {
      for (const method of Object.keys(layer.route.methods)) routes.push({ method: method.toUpperCase(), path: layer.route.path });
    } else if (layer.name === 'mounted_app') {
      routes.push({ method: 'GET', path: QUEUE_BOARD_PATH });
    }
  }
  return routes;
}

/** A concrete URL path for a route pattern: `:id` and `:name` get plausible values. */
export function samplePath(path: string): string {
  return path.replace(':id', '00000000-0000-4000-8000-000000000000').replace(':name', 'DRAWDOWN');
}

/** `/intents/:id` -> `/intents/{id}`, as OpenAPI writes it. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_]+)/g, '{$1}');
}
