import { Role } from './roles';

/**
 * Everything a request or a screen can be allowed to do. The API guard and the web
 * navigation both read {@link PERMISSIONS_BY_ROLE}, so the two cannot disagree.
 */
export enum Permission {
  ManageOrganisations = 'organisations:manage',
  ManageUsers = 'users:manage',
  ViewDirectory = 'directory:view',
  /** Open the organisation's registers and the documents in scope. */
  ViewDocuments = 'documents:view',
  DraftDocuments = 'documents:draft',
  ReviewDocuments = 'documents:review',
  SignDocuments = 'documents:sign',
  IssueDocuments = 'documents:issue',
  DispatchDocuments = 'documents:dispatch',
  RegisterIncoming = 'incoming:register',
  AssignIncoming = 'incoming:assign',
  HandleIncoming = 'incoming:handle',
  ViewReports = 'reports:view',
  ViewAudit = 'audit:view',
  /** Queue depths, dead letters and their retry. */
  OperateQueues = 'queues:operate',
  /** Keep the year's file list (danh mục hồ sơ): create, edit and close files (hồ sơ); the clerk's. */
  ManageRecordFiles = 'records:manage',
  /** Add documents one may see to an open file of one's organisation: clerks and handlers. */
  FileDocuments = 'records:file',
  /** Read who opened, downloaded or printed which file: administrators and leaders. */
  ViewAccessLog = 'access-log:view',
}

export const PERMISSIONS_BY_ROLE: Readonly<Record<Role, readonly Permission[]>> = {
  [Role.Admin]: [
    Permission.ManageOrganisations,
    Permission.ManageUsers,
    Permission.ViewDirectory,
    Permission.ViewAudit,
    Permission.OperateQueues,
    Permission.ViewAccessLog,
  ],
  [Role.Leader]: [
    Permission.ViewDirectory,
    Permission.ViewDocuments,
    Permission.DraftDocuments,
    Permission.ReviewDocuments,
    Permission.SignDocuments,
    Permission.AssignIncoming,
    Permission.HandleIncoming,
    Permission.ViewReports,
    Permission.FileDocuments,
    Permission.ViewAccessLog,
  ],
  [Role.Clerk]: [
    Permission.ViewDirectory,
    Permission.ViewDocuments,
    Permission.IssueDocuments,
    Permission.DispatchDocuments,
    Permission.RegisterIncoming,
    Permission.ViewReports,
    Permission.ManageRecordFiles,
    Permission.FileDocuments,
  ],
  [Role.Specialist]: [Permission.ViewDirectory, Permission.ViewDocuments, Permission.DraftDocuments, Permission.HandleIncoming, Permission.FileDocuments],
};

/** Whether any of the roles grants the permission. */
export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => PERMISSIONS_BY_ROLE[role]?.includes(permission));
}

/** Every permission the roles grant, without duplicates. */
export function permissionsOf(roles: readonly Role[]): Permission[] {
  return [...new Set(roles.flatMap((role) => PERMISSIONS_BY_ROLE[role] ?? []))];
}
