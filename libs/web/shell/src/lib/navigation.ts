import { Permission, Role, WorkCounts } from '@vanthu/shared/contracts';
import { MessageKey } from '@vanthu/web/core';
import { VtIconName } from '@vanthu/web/ui';

/** An entry of the side navigation. */
export interface NavItem {
  path: string;
  label: MessageKey;
  icon: VtIconName;
  /** The user needs at least one of these; an empty list means everyone. */
  anyOf: readonly Permission[];
  /** What waits for the user behind this entry, for the badge. */
  badge?: (counts: WorkCounts) => number;
}

/**
 * The side navigation, in the order clerks expect it. What each role sees follows from the
 * shared permission table, which the API guard reads too.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', label: 'nav.home', icon: 'home', anyOf: [] },
  {
    path: '/incoming',
    label: 'nav.incoming',
    icon: 'inbox',
    anyOf: [Permission.RegisterIncoming, Permission.AssignIncoming, Permission.HandleIncoming],
    badge: (c) => c.incomingToRegister + c.awaitingMyAssignment + c.myOpenAssignments,
  },
  {
    path: '/outgoing',
    label: 'nav.outgoing',
    icon: 'send',
    anyOf: [
      Permission.DraftDocuments,
      Permission.ReviewDocuments,
      Permission.SignDocuments,
      Permission.IssueDocuments,
      Permission.DispatchDocuments,
    ],
    badge: (c) => c.awaitingMyReview + c.outgoingToIssue + c.outgoingToDispatch + c.myReturnedDrafts,
  },
  {
    path: '/signing',
    label: 'nav.signing',
    icon: 'edit',
    anyOf: [Permission.SignDocuments],
    badge: (c) => c.awaitingMySignature,
  },
  { path: '/exchange', label: 'nav.exchange', icon: 'swap', anyOf: [Permission.RegisterIncoming, Permission.DispatchDocuments] },
  { path: '/records/files', label: 'nav.records', icon: 'folder', anyOf: [Permission.FileDocuments] },
  { path: '/records/access-log', label: 'nav.accessLog', icon: 'visibility', anyOf: [Permission.ViewAccessLog] },
  { path: '/reports', label: 'nav.reports', icon: 'reports', anyOf: [Permission.ViewReports] },
  { path: '/admin', label: 'nav.admin', icon: 'admin', anyOf: [Permission.ManageUsers, Permission.ManageOrganisations] },
  { path: '/notifications', label: 'nav.notifications', icon: 'bell', anyOf: [] },
];

/** The entries a user holding `granted` may open. */
export function visibleNavItems(granted: ReadonlySet<Permission>): NavItem[] {
  return NAV_ITEMS.filter((item) => item.anyOf.length === 0 || item.anyOf.some((permission) => granted.has(permission)));
}

/** The permissions that open the page at `path`, for its route guard. */
export function permissionsFor(path: string): Permission[] {
  return [...(NAV_ITEMS.find((item) => item.path === path)?.anyOf ?? [])];
}

/** How each role is named on screen. */
export const ROLE_LABELS: Readonly<Record<Role, MessageKey>> = {
  [Role.Leader]: 'role.leader',
  [Role.Clerk]: 'role.clerk',
  [Role.Specialist]: 'role.specialist',
  [Role.Admin]: 'role.admin',
};
