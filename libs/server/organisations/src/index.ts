export * from './lib/organisations.module';
export * from './lib/directory.service';
export * from './lib/demo/demo-seed.service';
export * from './lib/demo/demo-data';
