/** Nest injection tokens for what every service gets from its runtime. */
export const SETTINGS = Symbol('polybot.settings');
export const LOGGER = Symbol('polybot.logger');
export const METRICS = Symbol('polybot.metrics');
export const CLOCK = Symbol('polybot.clock');
export const QUEUE_CONNECTION = Symbol('polybot.queue-connection');
export const SERVICE_RUNTIME = Symbol('polybot.service-runtime');

/** Epoch milliseconds; injected so scenario tests can pin time. */
export type Clock = () => number;
