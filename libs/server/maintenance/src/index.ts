export * from './lib/maintenance.module';
export * from './lib/maintenance.processor';
