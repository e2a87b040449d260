export * from './portfolio.service';
export * from './portfolio.module';
export * from './intent-gate';
