import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';

/**
 * Where the pdf.js worker is served from: our own origin (the API's CSP allows workers from
 * 'self' only). The build copies it from node_modules/pdfjs-dist into this folder.
 */
export const PDF_WORKER_PATH = 'pdfjs/pdf.worker.min.mjs';

let loading: Promise<typeof import('pdfjs-dist')> | null = null;

/** pdf.js, loaded on first use so that pages without a PDF do not pay for it. */
export function loadPdfJs(): Promise<typeof import('pdfjs-dist')> {
  loading ??= import('pdfjs-dist').then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = new URL(PDF_WORKER_PATH, document.baseURI).href;
    return pdfjs;
  });
  return loading;
}

/** Opens a PDF from a same-origin URL (the session cookie goes along) or from bytes. */
export async function openPdf(source: string | Uint8Array): Promise<PDFDocumentProxy> {
  const pdfjs = await loadPdfJs();
  const params =
    typeof source === 'string'
      ? { url: source, withCredentials: true }
      : // pdf.js hands the buffer to its worker: give it a copy so that the caller keeps theirs.
        { data: source.slice() };
  // No eval: the CSP forbids it, and pdf.js has a path without it.
  return pdfjs.getDocument({ ...params, isEvalSupported: false }).promise;
}

/** Draws one page into a canvas at `scale` CSS pixels per PDF point, sharp on high-DPI screens. */
export async function renderPage(page: PDFPageProxy, canvas: HTMLCanvasElement, scale: number): Promise<void> {
  const ratio = window.devicePixelRatio || 1;
  const viewport = page.getViewport({ scale });
  canvas.width = Math.floor(viewport.width * ratio);
  canvas.height = Math.floor(viewport.height * ratio);
  canvas.style.width = `${Math.floor(viewport.width)}px`;
  canvas.style.height = `${Math.floor(viewport.height)}px`;
  const context = canvas.getContext('2d');
  if (!context) return;
  await page.render({
    canvas,
    canvasContext: context,
    viewport,
    transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : undefined,
  }).promise;
}
