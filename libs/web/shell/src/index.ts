export * from './lib/routes';
export * from './lib/shell.component';
export * from './lib/navigation';
export * from './lib/home.page';
