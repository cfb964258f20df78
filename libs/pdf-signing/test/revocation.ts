import { createDevPki, DevPki, DevPkiUrls, IssuedCredential } from '@vanthu/dev-pki';
import { FileServer, freePort, OcspResponder, startFileServer, startOcspResponder, startTimestampAuthority, TimestampAuthority } from '@vanthu/dev-pki/testing';

import { tempDir } from './fixtures';

/**
 * A development PKI with live revocation services on loopback ports: CRLs of the issuing CA and
 * of the root served over HTTP, `openssl ocsp` answering for the issuing CA, and optionally an
 * `openssl ts` time-stamping authority. `stop()` ends every server and process it started.
 */
export interface RevocationEnvironment {
  dir: string;
  pki: DevPki;
  files: FileServer;
  responder: OcspResponder;
  tsa: TimestampAuthority | null;
  urls: Required<DevPkiUrls>;
  /** A personal signing certificate issued by the PKI (PIN 123456), known to the OCSP responder once this resolves. */
  issueLeader(o?: { fullName?: string; notBefore?: Date; notAfter?: Date; keyUsage?: 'signing' | 'encipherment-only' }): Promise<IssuedCredential>;
  stop(): Promise<void>;
}

export async function startRevocationEnvironment(o: { tsa?: boolean; nextUpdateMinutes?: number } = {}): Promise<RevocationEnvironment> {
  const dir = tempDir('pdf-signing-revocation');
  const files = await startFileServer();
  const ocspPort = await freePort();
  const urls = { issuingCrl: `${files.baseUrl}/issuing-ca.crl`, rootCrl: `${files.baseUrl}/root-ca.crl`, ocsp: `http://127.0.0.1:${ocspPort}` };
  const pki = createDevPki({ urls });
  files.serve('/issuing-ca.crl', () => pki.crl().der);
  files.serve('/root-ca.crl', () => pki.rootCrl().der);
  let responder: OcspResponder | undefined;
  let tsa: TimestampAuthority | null = null;
  try {
    tsa = o.tsa ? await startTimestampAuthority({ pki, dir: dir.path }) : null;
    responder = await startOcspResponder({ pki, dir: dir.path, port: ocspPort, nextUpdateMinutes: o.nextUpdateMinutes });
  } catch (error) {
    await tsa?.stop();
    await files.stop();
    dir.cleanup();
    throw error;
  }
  const started = responder;
  return {
    dir: dir.path,
    pki,
    files,
    responder: started,
    tsa,
    urls,
    issueLeader: async (options = {}) => {
      const credential = pki.issuePersonal({
        fullName: options.fullName ?? 'Nguyễn Văn Hùng',
        title: 'Chủ tịch UBND huyện',
        organisation: 'UBND huyện Tuy Đức',
        province: 'Đắk Nông',
        uid: 'CCCD:067085001234',
        pin: '123456',
        notBefore: options.notBefore,
        notAfter: options.notAfter,
        keyUsage: options.keyUsage,
      });
      await started.refresh();
      return credential;
    },
    stop: async () => {
      await started.stop();
      await tsa?.stop();
      await files.stop();
      dir.cleanup();
    },
  };
}
