import { AppConfig } from '@vanthu/server/core';
import { DataSourceOptions } from 'typeorm';

import { AuditHeadEntity, AuditRecordEntity } from './entities/audit-record.entity';
import { DocumentEntity } from './entities/document.entity';
import { DeadlineReminderEntity, NotificationDeliveryEntity, NotificationEntity, NotificationSettingEntity } from './entities/notification.entities';
import { OrganisationEntity } from './entities/organisation.entity';
import { SessionEntity } from './entities/session.entity';
import {
  AssigneeEntity,
  AssignmentEntity,
  DeliveryEntity,
  DocumentFileEntity,
  DevAuthorityEntity,
  RecallRequestEntity,
  DocumentRecipientEntity,
  HolidayEntity,
  OutboxEventEntity,
  RevocationListEntity,
  SigningPreparationEntity,
  SigningPluginTicketEntity,
  TrustAnchorEntity,
  CertificateBindingEntity,
  RegisterEntity,
  ReviewStepEntity,
  SigningCredentialEntity,
} from './entities/routing.entities';
import { UserEntity, UserRoleEntity } from './entities/user.entity';
import { ExchangeCursorEntity, ExchangeDocumentEntity, ExchangePacketEntity, ExchangePeerEntity, ExternalDeliveryEntity, ExternalOrganisationEntity } from './entities/exchange.entities';
import { Identity1763800000000 } from './migrations/1763800000000-identity';
import { Routing1763900000000 } from './migrations/1763900000000-routing';
import { Notifications1764000000000 } from './migrations/1764000000000-notifications';
import { Exchange1764500000000 } from './migrations/1764500000000-exchange';
import { OutboxSettlement1764550000000 } from './migrations/1764550000000-outbox-settlement';
import { ExchangePeerRouting1764560000000 } from './migrations/1764560000000-exchange-peer-routing';
import { AssigneeLookups1764620000000 } from './migrations/1764620000000-assignee-lookups';
import { CertificateTrust1764600000000 } from './migrations/1764600000000-certificate-trust';
import { CredentialProtection1764300000000 } from './migrations/1764300000000-credential-protection';
import { SigningPluginTicket1764630000000 } from './migrations/1764630000000-signing-plugin-ticket';
import { DocumentComments1764610000000 } from './migrations/1764610000000-document-comments';
import { InternalRecall1764660000000 } from './migrations/1764660000000-internal-recall';
import { ReceiptNotices1764661000000 } from './migrations/1764661000000-receipt-notices';
import { DocumentCommentEntity, DocumentCommentFileEntity, FileAccessEntity, RecordFileDocumentEntity, RecordFileEntity } from './entities/records.entities';
import { FileAccess1764671000000 } from './migrations/1764671000000-file-access';
import { RecordFiles1764670000000 } from './migrations/1764670000000-record-files';
import { ReplyBy1764681000000 } from './migrations/1764681000000-reply-by';
import { OrganisationIdentifierUnique1764690000000 } from './migrations/1764690000000-organisation-identifier-unique';

/** Every entity, listed explicitly: the API is bundled, so globs would find nothing. */
export const ENTITIES = [
  OrganisationEntity,
  UserEntity,
  UserRoleEntity,
  SessionEntity,
  AuditRecordEntity,
  AuditHeadEntity,
  DocumentEntity,
  DocumentFileEntity,
  DocumentRecipientEntity,
  RegisterEntity,
  ReviewStepEntity,
  DeliveryEntity,
  AssignmentEntity,
  AssigneeEntity,
  SigningCredentialEntity,
  OutboxEventEntity,
  HolidayEntity,
  SigningPreparationEntity,
  SigningPluginTicketEntity,
  TrustAnchorEntity,
  CertificateBindingEntity,
  RevocationListEntity,
  DevAuthorityEntity,
  NotificationEntity,
  NotificationDeliveryEntity,
  NotificationSettingEntity,
  DeadlineReminderEntity,
  ExternalOrganisationEntity,
  ExchangePeerEntity,
  ExchangePacketEntity,
  ExternalDeliveryEntity,
  ExchangeDocumentEntity,
  ExchangeCursorEntity,
  DocumentCommentEntity,
  DocumentCommentFileEntity,
  RecallRequestEntity,
  RecordFileEntity,
  RecordFileDocumentEntity,
  FileAccessEntity,
];

/** Every migration in order. Each is reviewed SQL, never generated at run time. */
export const MIGRATIONS = [
  Identity1763800000000,
  Routing1763900000000,
  Notifications1764000000000,
  CredentialProtection1764300000000,
  Exchange1764500000000,
  OutboxSettlement1764550000000,
  ExchangePeerRouting1764560000000,
  CertificateTrust1764600000000,
  DocumentComments1764610000000,
  AssigneeLookups1764620000000,
  SigningPluginTicket1764630000000,
  InternalRecall1764660000000,
  ReceiptNotices1764661000000,
  RecordFiles1764670000000,
  FileAccess1764671000000,
  ReplyBy1764681000000,
  OrganisationIdentifierUnique1764690000000,
];

/** TypeORM options for MariaDB/MySQL. The schema only ever comes from {@link MIGRATIONS}. */
export function dataSourceOptions(config: AppConfig, overrides: { migrationsRun?: boolean } = {}): DataSourceOptions {
  return {
    type: 'mysql',
    host: config.db.host,
    port: config.db.port,
    username: config.db.user,
    password: config.db.password,
    database: config.db.name,
    charset: 'utf8mb4_unicode_ci',
    // Store UTC; screens convert to Asia/Ho_Chi_Minh.
    timezone: 'Z',
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: overrides.migrationsRun ?? true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    poolSize: config.db.poolSize,
    supportBigNumbers: true,
    bigNumberStrings: true,
    extra: { connectTimeout: 5000 },
    logging: false,
  };
}
