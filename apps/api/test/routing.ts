import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import {
  CreateDraftRequest,
  DocumentDetail,
  DocumentType,
  OrganisationDto,
  SecurityLevel,
  UserDto,
  Urgency,
} from '@vanthu/shared/contracts';
import TestAgent from 'supertest/lib/agent';

import { TestApp } from './harness';

const run = promisify(execFile);

/** The sample PDFs every signing test reads: libs/pdf-signing's (its test/corpus/README.md says what each one is). */
export const CORPUS = resolve(__dirname, '../../../libs/pdf-signing/test/corpus');
export const corpusFile = (name: string): Buffer => readFileSync(join(CORPUS, name));

export { hostilePdf } from '@vanthu/server/testing';

export const DEMO_PIN = '123456';
export const COMMUNE_CODES = ['quangtan', 'dakbukso', 'dakrtih', 'dakngo', 'quangtruc', 'quangtam'];

/** People and organisations of a tree (the demo district unless told) by their codes, for arranging a scenario. */
export class Directory {
  private constructor(
    readonly organisations: OrganisationDto[],
    private readonly people: Map<string, UserDto>,
  ) {}

  /** The tree of `admin`, an administrator of its root: the demo's by default. */
  static async load(t: TestApp, admin = 'admin', password?: string): Promise<Directory> {
    const { agent } = await t.logIn(admin, password);
    const organisations: OrganisationDto[] = (await agent.get('/api/organisations').expect(200)).body;
    const people = new Map<string, UserDto>();
    for (const o of organisations) {
      const page = (await agent.get('/api/admin/users').query({ organisationId: o.id, pageSize: 100 }).expect(200)).body;
      for (const u of page.items as UserDto[]) people.set(u.username, u);
    }
    return new Directory(organisations, people);
  }

  org(code: string): OrganisationDto {
    const found = this.organisations.find((o) => o.code === code);
    if (!found) throw new Error(`No organisation ${code}`);
    return found;
  }

  user(username: string): UserDto {
    const found = this.people.get(username);
    if (!found) throw new Error(`No user ${username}`);
    return found;
  }

  /** The demo district's six communes. */
  communeIds(): number[] {
    return COMMUNE_CODES.map((c) => this.org(c).id);
  }
}

/** Who plays each part of the route unless a step says otherwise, and whom a draft goes to. */
export interface Cast {
  drafter: string;
  reviewer: string;
  signer: string;
  clerk: string;
  /** Code of the organisation a draft is issued in. */
  issuer: string;
  /** Codes of a draft's recipients. */
  recipients: readonly string[];
}

/** The demo district: Phòng Nội vụ drafts in the name of UBND huyện Tuy Đức to its six communes. */
export const DISTRICT_CAST: Cast = {
  drafter: 'tuyduc-nv.chuyenvien1',
  reviewer: 'tuyduc-nv.lanhdao',
  signer: 'tuyduc.lanhdao',
  clerk: 'tuyduc.vanthu',
  issuer: 'tuyduc',
  recipients: COMMUNE_CODES,
};

export interface DraftOptions extends Partial<CreateDraftRequest> {
  drafter?: string;
  reviewer?: string;
  signer?: string;
  file?: Buffer | 'generate';
  attachments?: Buffer[];
}

/** Drives the outgoing route through the API as the people would, step by step. */
export class Route {
  constructor(
    readonly t: TestApp,
    readonly dir: Directory,
    readonly cast: Cast = DISTRICT_CAST,
  ) {}

  async as(username: string): Promise<TestAgent> {
    return (await this.t.logIn(username)).agent;
  }

  /** The cast's drafter's Kế hoạch (Phòng Nội vụ's, in the name of UBND huyện, for the demo), with its main file. */
  async draft(o: DraftOptions = {}): Promise<DocumentDetail> {
    const drafter = await this.as(o.drafter ?? this.cast.drafter);
    const created = await drafter
      .post('/api/outgoing')
      .send({
        type: o.type ?? DocumentType.Plan,
        subject: o.subject ?? 'Kế hoạch triển khai chuyển đổi số năm 2026 trên địa bàn huyện',
        urgency: o.urgency ?? Urgency.Normal,
        securityLevel: o.securityLevel ?? SecurityLevel.Normal,
        issuingOrganisationId: o.issuingOrganisationId ?? this.dir.org(this.cast.issuer).id,
        recipientIds: o.recipientIds ?? this.cast.recipients.map((code) => this.dir.org(code).id),
        signerId: o.signerId ?? this.dir.user(o.signer ?? this.cast.signer).id,
        signingLine: o.signingLine ?? 'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH',
        ...(o.replyBy === undefined ? {} : { replyBy: o.replyBy }),
      })
      .expect(201);
    const id = created.body.id as number;
    if (o.file === 'generate') {
      await drafter.post(`/api/outgoing/${id}/files/generate`).send({ body: ['Căn cứ Quyết định số 749/QĐ-TTg của Thủ tướng Chính phủ.'] }).expect(201);
    } else if (o.securityLevel === undefined || o.securityLevel === SecurityLevel.Normal) {
      await drafter
        .post(`/api/outgoing/${id}/files`)
        .field('role', 'main')
        .attach('file', o.file ?? corpusFile('libreoffice-ke-hoach.pdf'), { filename: 'Kế hoạch chuyển đổi số.pdf', contentType: 'application/pdf' })
        .expect(201);
    }
    for (const [i, attachment] of (o.attachments ?? []).entries()) {
      await drafter
        .post(`/api/outgoing/${id}/files`)
        .field('role', 'attachment')
        .attach('file', attachment, { filename: `Phụ lục ${i + 1}.pdf`, contentType: 'application/pdf' })
        .expect(201);
    }
    return (await drafter.get(`/api/documents/${id}`).expect(200)).body;
  }

  async approve(id: number, o: { drafter?: string; reviewer?: string } = {}): Promise<DocumentDetail> {
    const reviewer = o.reviewer ?? this.cast.reviewer;
    const drafter = await this.as(o.drafter ?? this.cast.drafter);
    await drafter.post(`/api/outgoing/${id}/submit`).send({ reviewerIds: [this.dir.user(reviewer).id] }).expect(200);
    return (await (await this.as(reviewer)).post(`/api/outgoing/${id}/review`).send({ decision: 'approve', comment: 'Đồng ý trình ký.' }).expect(200)).body;
  }

  async sign(id: number, signer = this.cast.signer): Promise<DocumentDetail> {
    return (await (await this.as(signer)).post(`/api/outgoing/${id}/sign`).send({ pin: DEMO_PIN }).expect(200)).body;
  }

  async issue(id: number, clerk = this.cast.clerk): Promise<DocumentDetail> {
    return (await (await this.as(clerk)).post(`/api/outgoing/${id}/issue`).send({ pin: DEMO_PIN }).expect(200)).body;
  }

  async dispatch(id: number, clerk = this.cast.clerk, recipientIds?: number[]): Promise<DocumentDetail> {
    return (await (await this.as(clerk)).post(`/api/outgoing/${id}/dispatch`).send(recipientIds ? { recipientIds } : {}).expect(200)).body;
  }

  /** Drafted, approved, signed, issued and dispatched to the cast's recipients (the demo's six communes). */
  async dispatched(o: DraftOptions = {}): Promise<DocumentDetail> {
    const draft = await this.draft(o);
    await this.approve(draft.id, o);
    await this.sign(draft.id, o.signer);
    await this.issue(draft.id);
    return this.dispatch(draft.id);
  }

  async fileBytes(agent: TestAgent, documentId: number, fileId: number): Promise<Buffer> {
    return (await download(agent, `/api/documents/${documentId}/files/${fileId}/content`)).body;
  }
}

/** A binary answer (PDF, XLSX, XML) read whole as bytes, with its type and disposition; expects 200. */
export async function download(agent: TestAgent, url: string): Promise<{ body: Buffer; type: string; disposition: string; csp: string }> {
  const response = await agent
    .get(url)
    .buffer(true)
    .parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    })
    .expect(200);
  return {
    body: response.body as Buffer,
    type: String(response.headers['content-type']),
    disposition: String(response.headers['content-disposition']),
    csp: String(response.headers['content-security-policy']),
  };
}

/** What poppler's pdfsig says of a PDF, with the development root trusted in a fresh NSS database. */
export async function pdfsig(pdf: Buffer, rootPem: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'vanthu-pdfsig-'));
  try {
    writeFileSync(join(dir, 'root.pem'), rootPem);
    writeFileSync(join(dir, 'doc.pdf'), pdf);
    await run('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
    await run('certutil', ['-A', '-d', `sql:${dir}`, '-n', 'root', '-t', 'CT,C,C', '-i', join(dir, 'root.pem')]);
    const { stdout } = await run('pdfsig', ['-nssdir', `sql:${dir}`, join(dir, 'doc.pdf')]).catch((e: { stdout: string }) => ({ stdout: e.stdout }));
    return stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
