export * from './lib/routes';
export * from './lib/shell.component';
export * from './lib/navigation';
