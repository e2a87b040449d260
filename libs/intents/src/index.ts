export * from './intent.errors';
export * from './intent-json';
export * from './intent.service';
export * from './intents.module';
export * from './status-report';
