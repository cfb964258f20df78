/**
 * The naive baseline of bench:dispatch --open-loop, inside the real API stack. This entry point boots
 * the API exactly as apps/api/src/main.ts does (createApp of apps/api/src/bootstrap.ts: Nest on
 * Express, helmet, compression, cookie parser, body checks, validation pipe, error filter, the
 * global session guard with its permission checks and the per-user rate limit, the request logger)
 * with one more module, NaiveModule, whose controller answers the four request kinds of the mix
 * with the naive SQL — exact COUNT(*), OFFSET paging, LIKE '%…%' on the folded search text, one
 * COUNT per work queue — on the API's own TypeORM pool:
 *
 *   GET /api/naive/documents?direction=&q=&page=   list and search (as GET /api/documents)
 *   GET /api/naive/documents/counts                the work queues' counts (as GET /api/documents/counts)
 *   GET /api/naive/documents/:id                   one document with its files and history
 *
 * The difference between its figures and ours is then the queries alone. NaiveModule exists only
 * here: production's AppModule never imports it.
 *
 * Started by the benchmark with the API's environment (DB_*, REDIS_*, PORT …).
 */
import { Controller, Get, Injectable, Module, NotFoundException, Param, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedUser, CurrentUser, loadConfig, RateLimited, RequiresPermission } from '@vanthu/server/core';
import { DocumentDirection, Permission } from '@vanthu/shared/contracts';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DataSource } from 'typeorm';

import { createApp } from '../../../apps/api/src/bootstrap';

type Row = Record<string, unknown>;

class NaiveListQuery {
  @IsOptional() @IsEnum(DocumentDirection) direction?: DocumentDirection;
  @IsOptional() @IsString() @MaxLength(200) q?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000) page?: number;
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

@Injectable()
export class NaiveQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private rows(sql: string, params: unknown[]): Promise<Row[]> {
    return this.dataSource.query(sql, params);
  }

  async list(user: AuthenticatedUser, query: NaiveListQuery): Promise<unknown> {
    const page = query.page ?? 1;
    const where = ['organisation_id = ?'];
    const params: unknown[] = [user.organisationId];
    if (query.direction) {
      where.push('direction = ?');
      params.push(query.direction);
    }
    for (const word of fold(query.q ?? '').split(/[^a-z0-9/]+/).filter(Boolean)) {
      where.push('search_text LIKE ?');
      params.push(`%${word}%`);
    }
    const [items, [count]] = await Promise.all([
      this.rows(`SELECT * FROM document WHERE ${where.join(' AND ')} ORDER BY listed_at DESC, id DESC LIMIT 20 OFFSET ?`, [...params, (page - 1) * 20]),
      this.rows(`SELECT COUNT(*) AS n FROM document WHERE ${where.join(' AND ')}`, params),
    ]);
    return { items, total: Number(count['n']), page, pageSize: 20 };
  }

  async counts(user: AuthenticatedUser): Promise<Record<string, number>> {
    const org = user.organisationId;
    const me = user.id;
    const queues: Record<string, [string, unknown[]]> = {
      awaitingMySignature: ["signer_id = ? AND status = 'awaiting-signature'", [me]],
      awaitingMyReview: ["status = 'in-review' AND id IN (SELECT document_id FROM review_step WHERE reviewer_id = ? AND status = 'pending')", [me]],
      awaitingMyAssignment: ["submitted_to = ? AND status = 'submitted'", [me]],
      incomingToRegister: ["organisation_id = ? AND direction = 'incoming' AND status = 'received'", [org]],
      outgoingToIssue: ["organisation_id = ? AND direction = 'outgoing' AND status = 'signed'", [org]],
      outgoingToDispatch: ["organisation_id = ? AND direction = 'outgoing' AND status = 'issued'", [org]],
      myReturnedDrafts: ["created_by = ? AND status = 'returned'", [me]],
      myOpenAssignments: ["status = 'in-progress' AND id IN (SELECT document_id FROM assignee WHERE user_id = ? AND status <> 'completed')", [me]],
      overdue: ["organisation_id = ? AND direction = 'incoming' AND deadline < CURRENT_DATE AND status IN ('received', 'registered', 'submitted', 'in-progress')", [org]],
    };
    const entries = await Promise.all(Object.entries(queues).map(async ([key, [where, params]]) => [key, Number((await this.rows(`SELECT COUNT(*) AS n FROM document WHERE ${where}`, params))[0]['n'])]));
    return Object.fromEntries(entries);
  }

  async detail(user: AuthenticatedUser, id: string): Promise<unknown> {
    const [document] = await this.rows('SELECT * FROM document WHERE id = ? AND organisation_id = ?', [id, user.organisationId]);
    if (!document) throw new NotFoundException();
    const [files, history] = await Promise.all([
      this.rows('SELECT id, name, role, sha256 FROM document_file WHERE document_id = ?', [id]),
      this.rows("SELECT * FROM audit_record WHERE entity_type = 'document' AND entity_id = ? ORDER BY id", [id]),
    ]);
    return { ...document, files, history };
  }
}

/** The same decorators as DocumentsController's routes: permission, and the search rate limit on the list. */
@Controller('naive/documents')
export class NaiveDocumentsController {
  constructor(private readonly queries: NaiveQueries) {}

  @RequiresPermission(Permission.ViewDocuments)
  @RateLimited('search')
  @Get()
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: NaiveListQuery): Promise<unknown> {
    return this.queries.list(user, query);
  }

  @RequiresPermission(Permission.ViewDocuments)
  @Get('counts')
  counts(@CurrentUser() user: AuthenticatedUser): Promise<Record<string, number>> {
    return this.queries.counts(user);
  }

  @RequiresPermission(Permission.ViewDocuments)
  @Get(':id')
  detail(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<unknown> {
    return this.queries.detail(user, id);
  }
}

@Module({ controllers: [NaiveDocumentsController], providers: [NaiveQueries] })
export class NaiveModule {}

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config, [NaiveModule]);
  await app.listen(config.port, config.host);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
