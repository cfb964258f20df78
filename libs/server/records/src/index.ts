export * from './lib/records.module';
export { renderBookPdf } from './lib/books/book-pdf';
export { renderBookXlsx } from './lib/books/book-xlsx';
export type { RegisterBook, BookColumn } from './lib/books/register-book';
