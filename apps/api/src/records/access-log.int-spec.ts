import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { DocumentDetail, FileAccessAction, FileAccessView, Page } from '@vanthu/shared/contracts';
import { PDFDocument } from 'pdf-lib';
import TestAgent from 'supertest/lib/agent';

import { startTestApp, TestApp } from '../../test/harness';
import { Directory, Route } from '../../test/routing';

const run = promisify(execFile);

async function bytesOf(agent: TestAgent, url: string, headers: Record<string, string> = {}): Promise<{ body: Buffer; disposition: string }> {
  let request = agent.get(url);
  for (const [k, v] of Object.entries(headers)) request = request.set(k, v);
  const response = await request
    .buffer(true)
    .parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    })
    .expect(200);
  return { body: response.body as Buffer, disposition: String(response.headers['content-disposition']) };
}

async function pdfText(pdf: Buffer): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'vanthu-copy-'));
  try {
    writeFileSync(join(dir, 'f.pdf'), pdf);
    return (await run('pdftotext', [join(dir, 'f.pdf'), '-'], { encoding: 'utf8' })).stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('access log (nhật ký truy cập) and the watermarked copy', () => {
  let t: TestApp;
  let route: Route;
  let dir: Directory;
  let outgoing: DocumentDetail;

  beforeAll(async () => {
    t = await startTestApp('records-access', { signing: 'ec' });
    dir = await Directory.load(t);
    route = new Route(t, dir);
    outgoing = await route.dispatched({ recipientIds: [dir.org('quangtan').id] });
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  it('logs views, downloads, prints and copies with who, when and from where; leaders and administrators read it, others not', async () => {
    const clerk = await route.as('tuyduc.vanthu');
    const main = outgoing.files[0];
    const base = `/api/documents/${outgoing.id}/files/${main.id}/content`;
    const original = await bytesOf(clerk, `${base}?download=1`);
    await bytesOf(clerk, base);
    const started = Date.now();
    const printed = await bytesOf(clerk, `/api/records/documents/${outgoing.id}/files/${main.id}/copy.pdf`);
    const copy = await bytesOf(clerk, `/api/records/documents/${outgoing.id}/files/${main.id}/copy.pdf?print=0`);
    expect(printed.disposition).toMatch(/^inline/);
    expect(copy.disposition).toMatch(/^attachment/);

    // The signed original stays byte for byte what was stored; the copy carries the name and time on every page.
    const again = await bytesOf(clerk, `${base}?download=1`);
    expect(again.body.equals(original.body)).toBe(true);
    expect(copy.body.equals(original.body)).toBe(false);
    const originalPages = (await PDFDocument.load(original.body)).getPageCount();
    const copyDoc = await PDFDocument.load(copy.body);
    expect(copyDoc.getPageCount()).toBe(originalPages);
    const text = await pdfText(copy.body);
    const clerkName = dir.user('tuyduc.vanthu').fullName;
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages).toHaveLength(originalPages);
    for (const p of pages) {
      expect(p).toContain(`Bản sao của ${clerkName} (tuyduc.vanthu)`);
    }
    expect(await pdfText(original.body)).not.toContain('Bản sao của');

    // Someone who may not see the document gets neither the copy nor a log entry.
    const commune = await route.as('dakbukso.vanthu');
    await commune.get(`/api/records/documents/${outgoing.id}/files/${main.id}/copy.pdf`).expect(404);
    await commune.get(`${base}?download=1`).expect(404);

    const leader = await route.as('tuyduc.lanhdao');
    const log: Page<FileAccessView> = (await leader.get('/api/records/access-log').query({ documentId: outgoing.id }).expect(200)).body;
    const clerkEntries = log.items.filter((e) => e.user.id === dir.user('tuyduc.vanthu').id);
    expect(clerkEntries.map((e) => e.action).reverse()).toEqual([
      FileAccessAction.Download,
      FileAccessAction.View,
      FileAccessAction.Print,
      FileAccessAction.Copy,
      FileAccessAction.Download,
    ]);
    expect(clerkEntries.every((e) => e.file.id === main.id && e.document.symbol === outgoing.symbol)).toBe(true);
    expect(clerkEntries.some((e) => Date.parse(e.at) >= started - 1000)).toBe(true);
    // From where: the client's address as the API sees it (the test runs on the loopback).
    expect(clerkEntries.every((e) => /^(::ffff:)?127\.0\.0\.1$|^::1$|^203\.0\.113\.7$/.test(e.ip))).toBe(true);
    expect(log.items.some((e) => e.user.id === dir.user('dakbukso.vanthu').id)).toBe(false);

    // The administrator of the tree reads it too; a clerk and another organisation's leader do not.
    const admin = (await t.logIn('admin')).agent;
    const adminLog: Page<FileAccessView> = (await admin.get('/api/records/access-log').query({ documentId: outgoing.id }).expect(200)).body;
    expect(adminLog.total).toBe(log.total);
    await clerk.get('/api/records/access-log').expect(403);
    const otherLeader = await route.as('quangtan.lanhdao');
    const otherLog: Page<FileAccessView> = (await otherLeader.get('/api/records/access-log').query({ documentId: outgoing.id }).expect(200)).body;
    expect(otherLog.items).toEqual([]);
  });
});
