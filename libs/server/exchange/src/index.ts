export * from './lib/edxml/model';
export * from './lib/edxml/errors';
export * from './lib/edxml/dates';
export * from './lib/edxml/parse';
export * from './lib/edxml/write';
export { zipFiles, unzipBounded, looksLikeZip } from './lib/edxml/zip';
