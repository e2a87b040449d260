export * from './runtime.tokens';
export * from './service-runtime';
export * from './queue-workers';
export * from './runtime.module';
export * from './run-service';
export * from './domain-settings';
export * from './testing';
