import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { OperatorEventHub, type OperatorEvent } from './operator-event.hub';

export const HEARTBEAT_MS = 15_000;

/** One server-sent event: the event name, then the JSON on one `data:` line (JSON has no raw newlines). */
export function sseFrame(event: OperatorEvent): string {
  return `event: ${event.kind}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

/**
 * `GET /events`: a server-sent event stream for the web page. Contract: `event: intent` carries the
 * full intent JSON (as GET /intents/:id) after every intent event; `event: kill-switch` carries the
 * switch's state (as GET /kill-switches) after a trip or a clear; a `:` comment every 15 s keeps
 * proxies from closing an idle stream.
 */
@ApiTags('operations')
@Controller('events')
export class EventStreamController {
  constructor(private readonly hub: OperatorEventHub) {}

  @Get()
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: '`event: intent` (full intent JSON) and `event: kill-switch` (switch state), `data:` one JSON line each' })
  stream(@Req() request: Request, @Res() response: Response): void {
    response.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // nginx and similar proxies would otherwise buffer the stream.
      'X-Accel-Buffering': 'no',
    });
    response.flushHeaders();
    response.write(': connected\n\n');

    const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), HEARTBEAT_MS);
    let unsubscribe: () => void = () => undefined;
    const end = (): void => {
      clearInterval(heartbeat);
      unsubscribe();
      if (!response.writableEnded) response.end();
    };
    unsubscribe = this.hub.subscribe({ onEvent: (event) => void response.write(sseFrame(event)), onShutdown: end });
    request.on('close', end);
  }
}
