import type { Response } from 'express';

/**
 * The Content-Security-Policy of every file the API sends back: should a browser ever render one
 * itself (a direct link), its scripts and forms run in a sandbox of no origin, allowed to load
 * nothing (the app shows PDFs with pdf.js from the bytes).
 */
export const FILE_CSP = "sandbox; default-src 'none'; frame-ancestors 'none'";

/** The headers of every stored or generated file sent back: sandboxed, never sniffed, never cached. */
export function setFileHeaders(response: Response): void {
  response.setHeader('Content-Security-Policy', FILE_CSP);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Cache-Control', 'private, no-store');
}
