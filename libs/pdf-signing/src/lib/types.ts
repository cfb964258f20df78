import { X509Certificate } from 'node:crypto';

import { Rect } from './appearance/geometry';
import { DigestAlgorithm } from './cms/cms';
import { BilingualText } from './errors';
import { Signer } from './signers';
import { RevocationDataSource, RevocationFetcher, RevocationSource, RevocationStatus } from './trust/revocation';

/**
 * What a visible signature looks like (Decree 30/2020, Appendix I). Coordinates are PDF points
 * from the displayed page's bottom-left corner; pages are numbered from 1.
 */
export type Appearance =
  | {
      /** The leader's signature: image (blue), signing line above, name below, optionally the time. */
      kind: 'personal';
      page: number;
      rect: Rect;
      /** PNG, transparent background, blue ink. */
      image?: Buffer;
      name: string;
      position?: string;
      /** e.g. "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"; without it, the position in capitals is the signing line. */
      signingLine?: string;
      /** Whether the signing time is written under the name (default true). */
      showTime?: boolean;
      /**
       * Whether the signing line, name and time are drawn around the image (default true). A
       * document that already prints them above and below the signing place (Decree 30 layout)
       * takes the image alone, centred on that place.
       */
      textAround?: boolean;
    }
  | {
      /** The organisation's seal, at its real size, over the left third of the leader's signature ({@link sealRectOver}). */
      kind: 'seal';
      page: number;
      rect: Rect;
      /** PNG, transparent background, red seal; without it a plain red seal is drawn. */
      image?: Buffer;
      organisation: string;
    }
  | {
      /** An attachment's organisation signature: top right of the first page, no image, Tinos 10 pt black, with the signing time. */
      kind: 'attachment';
      page?: 1;
      organisation: string;
      /** e.g. ["Số: 27/KH-UBND"]. */
      lines: string[];
    };

/**
 * Text added in the same incremental update as a signature (the number and symbol, the issue
 * date the clerk writes after the leader signed). Drawn as a locked FreeText annotation with its
 * own appearance, so that earlier signatures see an added annotation, not changed content.
 */
export interface TextStamp {
  page: number;
  /** Start of the first line's baseline, in points from the displayed page's bottom-left corner. */
  x: number;
  y: number;
  /** May hold several lines separated by "\n". */
  text: string;
  /** Default 13 (the size of body text in Decree 30 documents). */
  fontSize?: number;
  italic?: boolean;
  bold?: boolean;
  /** `x` is where lines start (default) or their centre: a stamp centred on a line keeps the column's layout. */
  align?: 'left' | 'center';
  /**
   * An area painted white under the text (page coordinates): covers what the stamp replaces,
   * such as the draft's "Số:      /KH-UBND" with its blank for the number.
   */
  cover?: { x: number; y: number; width: number; height: number };
}

/** How to sign. */
export interface SignOptions {
  signer: Signer;
  /** Default now; written as /M and shown in appearances in Vietnam time (UTC+7). */
  signingTime?: Date;
  reason?: string;
  location?: string;
  contactInfo?: string;
  /** /Name of the signature; default the certificate's common name. */
  name?: string;
  /** Absent: an invisible signature. */
  appearance?: Appearance;
  stamps?: TextStamp[];
  /** Default a unique "Signature<n>". */
  fieldName?: string;
  /** Default sha256. */
  digestAlgorithm?: DigestAlgorithm;
  /** Bytes reserved for the CMS (the hex in the file takes twice as many); the default fits the chain and, when asked for, a time-stamp. */
  placeholderSize?: number;
  /** PAdES B-T: an RFC 3161 signature time-stamp from this authority. Absent: B-B. */
  timestamp?: { url: string; timeoutMs?: number };
  /**
   * PAdES B-LT (with `timestamp`): the signer's certificate is validated before signing (in hard
   * mode a revoked certificate, or one whose status cannot be learnt, is refused with
   * `CertificateRejectedError`), and after signing a second incremental update adds a DSS with
   * the chain and the CRL/OCSP responses used, for the signer and the time-stamping authority.
   */
  ltv?: LongTermValidationOptions;
}

/** What long-term validation data is gathered against (see {@link SignOptions.ltv} and `addValidationData`). */
export interface LongTermValidationOptions {
  /** The trust anchors the paths must reach. */
  anchors: (X509Certificate | string)[];
  /** Certificates that may complete the paths besides the signatures' own. */
  intermediates?: (X509Certificate | string)[];
  /** Usually with a fetcher: the certificates' OCSP responders and CRL distribution points are asked. */
  revocation: RevocationSource;
  /** `hard`: refuse when a status is unknown; `soft`: embed what could be had. */
  mode: 'hard' | 'soft';
}

/** Options of {@link prepareSignature}: everything but the signer, whose chain is given instead. */
export type PrepareOptions = Omit<SignOptions, 'signer'> & { certificateChain: (X509Certificate | string)[] };

/**
 * A document prepared for external signing (USB token, remote signing). Plain data: it may be
 * kept between two requests or processes ({@link serializePrepared}).
 */
export interface PreparedSignature {
  /** The output PDF with a zero-filled /Contents placeholder. */
  pdf: Buffer;
  byteRange: [number, number, number, number];
  /** Offset of the `<` that opens /Contents (= byteRange[1]). */
  contentsOffset: number;
  /** Bytes available for the CMS (the hex takes twice as many). */
  placeholderSize: number;
  digestAlgorithm: DigestAlgorithm;
  /** Hash of the byte ranges: the message-digest the CMS must carry. */
  documentDigest: Buffer;
  /** DER of the signed attributes in their SET form: what the token signs. */
  signedAttributes: Buffer;
  /** Hash of `signedAttributes`, for signers that take a digest rather than data. */
  digestToSign: Buffer;
  certificateChainPem: string[];
  /** ISO 8601. */
  signingTime: string;
}

/** What {@link inspectPdf} reads from a PDF's structure. */
export interface PdfInfo {
  /** The header's version, or the catalog's /Version when that is newer. */
  version: string;
  pageCount: number;
  /** Each page's displayed size in points (CropBox, else MediaBox, with /Rotate applied). */
  pages: { width: number; height: number }[];
  signatureCount: number;
  hasXrefStream: boolean;
  /** Incremental updates after the original file (a linearized file's two sections count as one original). */
  incrementalUpdates: number;
}

/** What to verify against. */
export interface VerifyOptions {
  /** The trust anchors (the administrator's configured roots), never the system store. */
  trustedRoots: (X509Certificate | string)[];
  /** Configured intermediates that may complete paths (signatures usually carry their own). */
  intermediates?: (X509Certificate | string)[];
  /** CRLs at hand, DER or PEM (besides the document's DSS). */
  crls?: (Buffer | string)[];
  /** OCSP responses at hand, DER (besides the document's DSS). */
  ocspResponses?: Buffer[];
  /** Online revocation: asks the certificates' OCSP responders and CRL distribution points. Absent: offline. */
  fetch?: RevocationFetcher;
  /** `hard`: a signature whose revocation status is unknown is not valid; `soft` (default): valid with a warning. */
  revocationMode?: 'hard' | 'soft';
  /** The time of verification (default now). Certificates are checked at the time-stamp's time, else at the claimed signing time (/M), else at this time. */
  at?: Date;
}

/** PAdES baseline levels (ETSI EN 319 142-1). */
export type PadesLevel = 'B-B' | 'B-T' | 'B-LT';

/** The verdict on one signature. */
export interface SignatureReport {
  /** Order of signing, from 0. */
  index: number;
  fieldName: string;
  subFilter: string;
  signer: {
    commonName: string | null;
    organisation: string | null;
    organisationalUnit: string | null;
    title: string | null;
    locality: string | null;
    province: string | null;
    country: string | null;
    uid: string | null;
    serialNumber: string | null;
    email: string | null;
    /** "Nguyễn Văn Hùng, Chủ tịch UBND huyện, UBND huyện Tuy Đức". */
    display: string;
  };
  certificatePem: string;
  /** The issuer as people read it (common name, organisation). */
  issuer: string;
  serial: string;
  notBefore: string;
  notAfter: string;
  /** /M of the signature dictionary (claimed by the signer), ISO 8601. */
  signingTime: string | null;
  /** genTime of a valid signature time-stamp, ISO 8601. */
  timestampTime: string | null;
  digestAlgorithm: string;
  byteRange: number[];
  /** The signed bytes end here. */
  coversUpTo: number;
  bytesAfter: number;
  /** The signed bytes hash to the message-digest the signature carries. */
  integrity: boolean;
  /** The CMS signature verifies with the signer's certificate. */
  cryptographicallyValid: boolean;
  /** The certificate chains up to one of the trusted roots. */
  trusted: boolean;
  chainError: string | null;
  /** Every certificate of the chain was within its validity at the signing time. */
  validAtSigningTime: boolean;
  /** The certificate's key usage allows signatures (digitalSignature or nonRepudiation). */
  keyUsageValid: boolean;
  /** true: a certificate of the path is revoked; false: the signer's certificate is known good; null: its status is unknown. */
  revoked: boolean | null;
  /** Revocation of the path at the time-stamp's time; without a time-stamp, as of the verification (any listed revocation counts). */
  revocation: {
    status: RevocationStatus;
    /** Where the signer's certificate's status came from (`embedded-*`: the document's DSS or data given). */
    source: RevocationDataSource | null;
    revokedAt: string | null;
    reason: string | null;
    /** Each certificate of the path but the anchor, the signer first. */
    certificates: { subject: string; status: RevocationStatus; source: RevocationDataSource | null; url: string | null }[];
  };
  /** When the certificates were checked, ISO 8601 in Vietnam time. */
  validationTime: string;
  /** `timestamp`: a valid signature time-stamp's time; `claimed`: the signer's /M; `verification`: the time of verification. */
  validationTimeSource: 'timestamp' | 'claimed' | 'verification';
  /** PAdES level reached by a valid ETSI.CAdES.detached signature; null for an invalid or non-PAdES (adbe.pkcs7.*) one. */
  level: PadesLevel | null;
  /** 'signatures-only': later updates only add signatures, fields, widgets, annotations and form/DSS bookkeeping. */
  modifiedAfter: 'none' | 'signatures-only' | 'content';
  problems: BilingualText[];
  /** What does not make the signature invalid but a reader should know (revocation not checked in soft mode). */
  warnings: BilingualText[];
  summary: BilingualText;
}

/** The verdict on a document. */
export interface VerificationReport {
  /** There is at least one signature, and every one is intact, valid, trusted, not revoked and followed by nothing but signatures and annotations. */
  valid: boolean;
  signatures: SignatureReport[];
}
