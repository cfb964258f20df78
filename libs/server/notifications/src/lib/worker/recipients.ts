import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OutboxPayload } from '@vanthu/server/data-access';
import { DataSource } from 'typeorm';

export interface Recipient {
  id: number;
  fullName: string;
  email: string | null;
  /** Whether the person wants this kind by e-mail (no setting row: yes). */
  emailWanted: boolean;
}

function ids(values: unknown): number[] {
  return Array.isArray(values) ? [...new Set(values.filter((v): v is number => Number.isInteger(v) && v > 0))] : [];
}

/**
 * Who hears about an event (OutboxPayload's contract): the listed people, and the active members
 * of the listed organisations holding one of the roles (every active member when no role is
 * given), never the actor. Resolved when the event is delivered, so a person who joined or left
 * the organisation since is counted as they are now.
 */
@Injectable()
export class RecipientResolver {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async resolve(kind: string, payload: OutboxPayload): Promise<Recipient[]> {
    const userIds = ids(payload.userIds);
    const organisationIds = ids(payload.organisationIds);
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r) => typeof r === 'string') : [];
    const who: string[] = [];
    const params: unknown[] = [kind];
    if (userIds.length) {
      who.push('u.id IN (?)');
      params.push(userIds);
    }
    if (organisationIds.length && roles.length) {
      who.push('u.id IN (SELECT r.user_id FROM user_role r WHERE r.organisation_id IN (?) AND r.role IN (?))');
      params.push(organisationIds, roles);
    } else if (organisationIds.length) {
      who.push('u.organisation_id IN (?)');
      params.push(organisationIds);
    }
    if (!who.length) return [];
    const rows: Array<{ id: number; full_name: string; email: string | null; email_wanted: number | null }> = await this.dataSource.query(
      `SELECT u.id, u.full_name, u.email, s.email AS email_wanted
         FROM \`user\` u
         LEFT JOIN notification_setting s ON s.user_id = u.id AND s.kind = ?
        WHERE u.active = 1 AND (${who.join(' OR ')})
        ORDER BY u.id`,
      params,
    );
    const actorId = typeof payload.actorId === 'number' ? payload.actorId : null;
    return rows
      .filter((row) => Number(row.id) !== actorId)
      .map((row) => ({ id: Number(row.id), fullName: row.full_name, email: row.email?.trim() || null, emailWanted: row.email_wanted === null || Number(row.email_wanted) === 1 }));
  }
}
