import { X509Certificate } from 'node:crypto';

import { Rect } from './appearance/geometry';
import { DigestAlgorithm } from './cms/cms';
import { BilingualText } from './errors';
import { Signer } from './signers';

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
  trustedRoots: (X509Certificate | string)[];
  /** CRLs, DER or PEM. A certificate whose issuer has no CRL here is reported with revoked: null. */
  crls?: (Buffer | string)[];
  /** Default now: when no time-stamp vouches for the signing time, certificates are checked at this time and at the claimed signing time. */
  at?: Date;
}

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
  /** null: no CRL for the issuer was given. */
  revoked: boolean | null;
  /** 'signatures-only': later updates only add signatures, fields, widgets, annotations and form/DSS bookkeeping. */
  modifiedAfter: 'none' | 'signatures-only' | 'content';
  problems: BilingualText[];
  summary: BilingualText;
}

/** The verdict on a document. */
export interface VerificationReport {
  /** There is at least one signature, and every one is intact, valid, trusted, not revoked and followed by nothing but signatures and annotations. */
  valid: boolean;
  signatures: SignatureReport[];
}
