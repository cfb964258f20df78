import { X509Certificate } from 'node:crypto';

import { parseCertificate, toX509 } from './cms/certificate';
import { OIDS, parseSignedData, signerInfoNames } from './cms/cms';
import { readTimestampToken } from './cms/timestamp';
import { InvalidOptionsError } from './errors';
import { appendToDss, ValidationData } from './pdf/dss';
import { PdfString } from './pdf/objects';
import { asTypedError, PdfReader } from './pdf/reader';
import { signatureFields } from './pdf/signature-fields';
import { fetchOnce, RevocationEvidence } from './trust/revocation';
import { certificateRejection, CertificateValidation, validateCertificate } from './trust/validate';
import { LongTermValidationOptions } from './types';

/** Adds one validation's evidence to what a DSS will hold. */
export function mergeEvidence(target: ValidationData, evidence: RevocationEvidence): void {
  const add = (list: Buffer[], items: Buffer[]) => {
    for (const item of items) if (!list.some((d) => d.equals(item))) list.push(item);
  };
  add(target.certificates, evidence.certificates);
  add(target.crls, evidence.crls);
  add(target.ocspResponses, evidence.ocspResponses);
}

/**
 * Validates a certificate now for long-term validation data; in hard mode a certificate the
 * acceptance rule refuses (revoked, status unknown, untrusted, …) throws its typed error.
 */
export async function gatherValidationData(
  certificate: X509Certificate,
  others: (X509Certificate | Buffer)[],
  options: LongTermValidationOptions,
  usage: 'signing' | 'timestamping',
  at = new Date(),
): Promise<CertificateValidation> {
  const validation = await validateCertificate(certificate, {
    anchors: options.anchors,
    intermediates: [...others, ...(options.intermediates ?? []).map((c) => toX509(c))],
    at,
    usage,
    revocation: options.revocation,
    mode: options.mode,
  });
  if (options.mode === 'hard') {
    const rejection = certificateRejection(validation);
    if (rejection) throw rejection;
  }
  return validation;
}

/** Appends the data in one incremental update (nothing when the DSS already holds it all). */
export function appendValidationData(pdf: Buffer, data: ValidationData): Buffer {
  const reader = PdfReader.open(pdf);
  try {
    const update = appendToDss(reader, data);
    return update ? Buffer.concat([pdf, update]) : pdf;
  } catch (error) {
    throw asTypedError(error);
  }
}

/**
 * PAdES B-LT for signatures already in a PDF (a signature made elsewhere, or the seal at issue
 * time): validates each signer's certificate and each time-stamping authority's now, fetching
 * revocation data as `options.revocation` allows, and adds a DSS with the paths' certificates
 * and the CRLs and OCSP responses used, in one incremental update after everything else, so
 * that verification works offline and after the certificates expire. The signatures stay
 * valid. In hard mode a certificate that fails the acceptance rule throws its typed error and
 * nothing is added. `signatures`: all of them (default) or the last one only.
 */
export async function addValidationData(
  pdf: Buffer,
  options: LongTermValidationOptions & { signatures?: 'all' | 'last' },
): Promise<{ pdf: Buffer; validations: CertificateValidation[] }> {
  const reader = PdfReader.open(pdf);
  let fields;
  try {
    fields = signatureFields(reader);
  } catch (error) {
    throw asTypedError(error);
  }
  const withEnd = fields.map((field) => {
    const range = reader.resolve(field.signature.get('ByteRange'));
    const numbers = Array.isArray(range) ? range.map((n) => reader.resolve(n)) : [];
    return { field, end: numbers.length === 4 && typeof numbers[2] === 'number' && typeof numbers[3] === 'number' ? numbers[2] + numbers[3] : 0 };
  });
  withEnd.sort((a, b) => a.end - b.end);
  const chosen = options.signatures === 'last' ? withEnd.slice(-1) : withEnd;
  if (!chosen.length) throw new InvalidOptionsError({ vi: 'tài liệu chưa có chữ ký số nào.', en: 'the document has no signature yet.' });

  const data: ValidationData = { certificates: [], crls: [], ocspResponses: [] };
  const validations: CertificateValidation[] = [];
  options = { ...options, revocation: { ...options.revocation, fetch: fetchOnce(options.revocation.fetch) } };
  for (const { field } of chosen) {
    const contents = reader.resolve(field.signature.get('Contents'));
    let signed;
    try {
      if (!(contents instanceof PdfString)) throw new Error('no /Contents');
      signed = parseSignedData(contents.bytes);
    } catch {
      throw new InvalidOptionsError({ vi: `không đọc được chữ ký "${field.fieldName}".`, en: `the signature "${field.fieldName}" cannot be read.` });
    }
    const signerInfo = signed.signerInfos[0];
    const certificates = signed.certificates.map((der) => parseCertificate(new X509Certificate(der)));
    const signer = signerInfo && certificates.find((c) => signerInfoNames(signerInfo, c));
    if (!signer) throw new InvalidOptionsError({ vi: `chữ ký "${field.fieldName}" không kèm chứng thư số của người ký.`, en: `the signature "${field.fieldName}" does not carry its signer's certificate.` });
    const validation = await gatherValidationData(signer.x509, signed.certificates, options, 'signing');
    validations.push(validation);
    mergeEvidence(data, validation.evidence);
    const token = signerInfo.unsignedAttributes.get(OIDS.timeStampToken)?.[0];
    if (token) {
      const info = readTimestampToken(token.bytes);
      if (info.tsaCertificate) {
        const tsa = await gatherValidationData(info.tsaCertificate.x509, [...info.signedData.certificates, ...signed.certificates], options, 'timestamping');
        validations.push(tsa);
        mergeEvidence(data, tsa.evidence);
      }
    }
  }
  return { pdf: appendValidationData(pdf, data), validations };
}
