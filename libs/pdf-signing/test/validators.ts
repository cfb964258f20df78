import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The independent validators the tests ask: poppler's pdfsig (NSS), MuPDF's mutool, qpdf. Each
 * runs as a real process on a real file; the helpers only read their verdicts.
 */

export interface ProcessResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: string[], options: { cwd?: string; input?: Buffer; env?: NodeJS.ProcessEnv } = {}): ProcessResult {
  const result = spawnSync(command, args, { cwd: options.cwd, input: options.input, env: options.env ?? process.env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** An NSS database that trusts one root, as `certutil` makes it (what pdfsig -nssdir reads). */
export function nssDatabase(dir: string, rootPem: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'root.pem'), rootPem);
  for (const args of [
    ['-N', '-d', `sql:${dir}`, '--empty-password'],
    ['-A', '-d', `sql:${dir}`, '-n', 'root', '-t', 'CT,C,C', '-i', join(dir, 'root.pem')],
  ]) {
    const result = run('certutil', args);
    if (result.status !== 0) throw new Error(`certutil ${args.join(' ')}: ${result.stderr}`);
  }
  return `sql:${dir}`;
}

/** One signature as pdfsig reports it. */
export interface PdfsigSignature {
  signatureValid: boolean;
  validation: string;
  certificate: string;
  commonName: string;
  totalDocumentSigned: boolean;
}

/** Runs `pdfsig` (optionally with an NSS database) and reads its per-signature verdicts. */
export function pdfsig(file: string, nssDir?: string): PdfsigSignature[] {
  const result = run('pdfsig', [...(nssDir ? ['-nssdir', nssDir] : []), file]);
  const blocks = result.stdout.split(/^Signature #\d+:$/m).slice(1);
  return blocks.map((block) => {
    const validation = /Signature Validation: (.*)$/m.exec(block)?.[1].trim() ?? '';
    return {
      signatureValid: validation === 'Signature is Valid.',
      validation,
      certificate: /Certificate Validation: (.*)$/m.exec(block)?.[1].trim() ?? '',
      commonName: /Signer Certificate Common Name: (.*)$/m.exec(block)?.[1].trim() ?? '',
      totalDocumentSigned: /Total document signed/.test(block),
    };
  });
}

/** One signature as `mutool sign -v` reports it. */
export interface MutoolSignature {
  /** "The document is unchanged since signing." or "…valid but there have been edits since signing." */
  digestValid: boolean;
  editsSinceSigning: boolean;
  certificateError: string | null;
  distinguishedName: string;
}

/**
 * Runs `mutool sign -v`. MuPDF 1.21 checks the digest and the CMS signature with OpenSSL;
 * for trust it only knows Adobe's root (built into it), so any other root reads
 * "Certificate error" whatever its validity.
 */
export function mutoolVerify(file: string): MutoolSignature[] {
  const result = run('mutool', ['sign', '-v', file]);
  const blocks = result.stdout.split(/^Verifying signature \d+:$/m).slice(1);
  return blocks.map((block) => ({
    digestValid: /The document is unchanged since signing\.|The signature is valid but there have been edits since signing\./.test(block),
    editsSinceSigning: /there have been edits since signing/.test(block),
    certificateError: /Certificate error: (.*)$/m.exec(block)?.[1].trim() ?? null,
    distinguishedName: /Distinguished name: (.*)$/m.exec(block)?.[1].trim() ?? '',
  }));
}

/** `qpdf --check`: whether it found no errors and no warnings. */
export function qpdfCheck(file: string): { clean: boolean; output: string } {
  const result = run('qpdf', ['--check', file]);
  const output = result.stdout + result.stderr;
  return { clean: result.status === 0 && /No syntax or stream encoding errors found/.test(output) && !/WARNING/i.test(output), output };
}

/** The DSS of a PDF as qpdf reads it (its own parser, not ours): each item's stream data, decoded. */
export function qpdfDss(file: string): { certificates: Buffer[]; crls: Buffer[]; ocspResponses: Buffer[] } | null {
  const result = run('qpdf', ['--json=2', '--json-key=qpdf', '--json-stream-data=inline', '--decode-level=generalized', file]);
  if (result.status !== 0 && result.status !== 3) throw new Error(`qpdf --json: ${result.stderr}`);
  const json = JSON.parse(result.stdout) as { qpdf: [unknown, Record<string, { value?: unknown; stream?: { data?: string } }>] };
  const objects = json.qpdf[1];
  const trailer = objects.trailer?.value as { '/Root'?: string } | undefined;
  const resolve = (value: unknown) => (typeof value === 'string' && / R$/.test(value) ? objects[`obj:${value}`]?.value ?? objects[`obj:${value}`] : value);
  const catalog = resolve(trailer?.['/Root']) as Record<string, unknown> | undefined;
  const dss = resolve(catalog?.['/DSS']) as Record<string, unknown> | undefined;
  if (!dss) return null;
  const streams = (key: string) =>
    ((resolve(dss[key]) as string[] | undefined) ?? []).map((ref) => {
      const data = objects[`obj:${ref}`]?.stream?.data;
      if (!data) throw new Error(`DSS item ${ref} has no stream data`);
      return Buffer.from(data, 'base64');
    });
  return { certificates: streams('/Certs'), crls: streams('/CRLs'), ocspResponses: streams('/OCSPs') };
}
