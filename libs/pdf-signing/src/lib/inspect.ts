import { displayedSize } from './appearance/geometry';
import { asTypedError, PdfReader } from './pdf/reader';
import { signatureFields } from './pdf/signature-fields';
import { PdfInfo } from './types';

/**
 * What an upload check needs to know about a PDF, read from its structure only (header,
 * trailer, cross-reference chain, catalog, page tree): never its content. Throws
 * {@link NotAPdfError}, {@link DamagedPdfError} or {@link EncryptedPdfError}.
 */
export function inspectPdf(pdf: Buffer): PdfInfo {
  const reader = PdfReader.open(pdf);
  try {
    const catalog = reader.catalog();
    const pages = reader.pages().map(displayedSize);
    const catalogVersion = catalog.name('Version');
    const version = catalogVersion && /^\d\.\d$/.test(catalogVersion) && catalogVersion > reader.headerVersion ? catalogVersion : reader.headerVersion;
    // A linearized file starts with two sections of its own (first page, then the rest).
    const linearized = /\/Linearized\b/.test(pdf.toString('latin1', 0, Math.min(pdf.length, 1024)));
    return {
      version,
      pageCount: pages.length,
      pages,
      signatureCount: signatureFields(reader).length,
      hasXrefStream: reader.sections.some((s) => s.kind === 'stream' || !!s.hybridStream),
      incrementalUpdates: Math.max(0, reader.sections.length - (linearized ? 2 : 1)),
    };
  } catch (error) {
    throw asTypedError(error);
  }
}
