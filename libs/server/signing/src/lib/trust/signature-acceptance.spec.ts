import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { createDevPki, DevPki } from '@vanthu/dev-pki';
import { keySigner, openPkcs12, SignatureReport, signPdf, verifyPdf } from '@vanthu/pdf-signing';

import { judgeSignature, newestSignature } from './signature-acceptance.service';

const corpus = readFileSync(join(__dirname, '../../../../../pdf-signing/test/corpus/libreoffice-ke-hoach.pdf'));
const leader = { ownerType: 'user' as const, ownerId: 7, name: 'Nguyễn Văn Hùng' };
const approved = { ownerType: 'user' as const, ownerId: 7, status: 'approved' as const };

// Certificates are made and PDFs signed for real: generous on a loaded machine.
jest.setTimeout(60_000);

describe('the acceptance rule (judgeSignature) on real verification reports', () => {
  let pki: DevPki;
  let good: SignatureReport;

  const reportOf = async (pdf: Buffer, roots = [pki.root.certificatePem], crls: Buffer[] = [pki.crl().der, pki.rootCrl().der]) =>
    newestSignature(await verifyPdf(pdf, { trustedRoots: roots, crls }));

  beforeAll(async () => {
    pki = createDevPki({ commonName: 'Gốc thử', keyType: 'ec' });
    const issued = pki.issuePersonal({ fullName: 'Nguyễn Văn Hùng', title: 'Chủ tịch', organisation: 'UBND huyện Tuy Đức', pin: '000000', keyType: 'ec' });
    good = (await reportOf(await signPdf(corpus, { signer: openPkcs12(issued.p12, '000000') })))!;
  }, 60_000);

  it('accepts a valid, trusted, registered signature', () => {
    expect(good).toMatchObject({ integrity: true, cryptographicallyValid: true, trusted: true, keyUsageValid: true, revoked: false });
    expect(judgeSignature(good, approved, leader, { mode: 'soft' })).toBeNull();
    expect(judgeSignature(good, approved, leader, { mode: 'hard' })).toBeNull();
  });

  it('refuses a missing or broken signature (rule signature)', () => {
    expect(judgeSignature(null, approved, leader, { mode: 'soft' })?.rule).toBe('signature');
    expect(judgeSignature({ ...good, cryptographicallyValid: false }, approved, leader, { mode: 'soft' })?.rule).toBe('signature');
    expect(judgeSignature({ ...good, modifiedAfter: 'signatures-only' }, approved, leader, { mode: 'soft' })?.rule).toBe('signature');
  });

  it('refuses a certificate of an unconfigured CA (rule chain), named in both languages', async () => {
    const stranger = createDevPki({ commonName: 'CA lạ', keyType: 'ec' }).issuePersonal({ fullName: 'Nguyễn Văn Mạo Danh', title: 'Chủ tịch', organisation: 'UBND tỉnh Đắk Nông', pin: '000000', keyType: 'ec' });
    const report = (await reportOf(await signPdf(corpus, { signer: openPkcs12(stranger.p12, '000000') })))!;
    const verdict = judgeSignature(report, null, leader, { mode: 'soft' });
    expect(verdict?.rule).toBe('chain');
    expect(verdict?.text.vi).toContain('quy tắc: chuỗi chứng thực');
    expect(verdict?.text.en).toContain('rule: chain of trust');
  });

  it('refuses a certificate outside its validity today even when it claims a signing time inside it (rule validity)', async () => {
    const day = 86_400_000;
    const old = pki.issuePersonal({ fullName: 'Nguyễn Văn Hùng', title: 'Chủ tịch', organisation: 'UBND huyện Tuy Đức', pin: '000000', keyType: 'ec', notBefore: new Date(Date.now() - 300 * day), notAfter: new Date(Date.now() - 100 * day) });
    const report = (await reportOf(await signPdf(corpus, { signer: keySigner(old.privateKey, old.chainPem), signingTime: new Date(Date.now() - 200 * day) })))!;
    expect(report.validAtSigningTime).toBe(true);
    expect(judgeSignature(report, approved, leader, { mode: 'soft' })?.rule).toBe('validity');
  });

  it('refuses a certificate without digitalSignature/nonRepudiation (rule key-usage)', () => {
    // The library refuses to make such a signature; its verdict on one is keyUsageValid false.
    const verdict = judgeSignature({ ...good, keyUsageValid: false }, approved, leader, { mode: 'soft' });
    expect(verdict?.rule).toBe('key-usage');
    expect(verdict?.text.vi).toContain('không được cấp cho mục đích ký số');
  });

  it('refuses a revoked certificate, and an unknown status only in hard mode (rule revocation)', async () => {
    const revoked = pki.issuePersonal({ fullName: 'Nguyễn Văn Hùng', title: 'Chủ tịch', organisation: 'UBND huyện Tuy Đức', pin: '000000', keyType: 'ec' });
    const signed = await signPdf(corpus, { signer: openPkcs12(revoked.p12, '000000') });
    pki.revoke(revoked.serial, { reason: 'keyCompromise' });
    const report = (await reportOf(signed))!;
    expect(report.revoked).toBe(true);
    expect(judgeSignature(report, approved, leader, { mode: 'soft' })?.rule).toBe('revocation');

    const unknown = (await reportOf(await signPdf(corpus, { signer: openPkcs12(pki.issuePersonal({ fullName: 'A', title: 'B', organisation: 'C', pin: '000000', keyType: 'ec' }).p12, '000000') }), [pki.root.certificatePem], []))!;
    expect(unknown.revocation.status).toBe('unknown');
    expect(judgeSignature(unknown, approved, leader, { mode: 'soft' })).toBeNull();
    const hard = judgeSignature(unknown, approved, leader, { mode: 'hard' });
    expect(hard?.rule).toBe('revocation');
    expect(hard?.text.en).toContain('hard mode');
  });

  it('refuses a certificate not registered, pending or disabled (rule not-registered), or registered to someone else', () => {
    expect(judgeSignature(good, null, leader, { mode: 'soft' })?.rule).toBe('not-registered');
    const pending = judgeSignature(good, { ...approved, status: 'pending' }, leader, { mode: 'soft' });
    expect(pending?.rule).toBe('not-registered');
    expect(pending?.text.vi).toContain('chờ quản trị phê duyệt');
    expect(judgeSignature(good, { ...approved, status: 'disabled' }, leader, { mode: 'soft' })?.rule).toBe('not-registered');
    const elsewhere = judgeSignature(good, { ...approved, ownerId: 8 }, leader, { mode: 'soft' });
    expect(elsewhere?.rule).toBe('registered-to-someone-else');
    expect(elsewhere?.text.vi).toContain('người ký Nguyễn Văn Hùng');
    // A person's certificate does not seal for an organisation of the same id.
    expect(judgeSignature(good, approved, { ownerType: 'organisation', ownerId: 7, name: 'UBND huyện Tuy Đức' }, { mode: 'soft' })?.rule).toBe('registered-to-someone-else');
  });
});
