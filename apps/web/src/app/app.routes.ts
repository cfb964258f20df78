import { Routes } from '@angular/router';
import { Permission } from '@vanthu/shared/contracts';
import { authGuard, guestGuard, permissionGuard } from '@vanthu/web/core';

// The features load lazily inside the shell; each route's guard mirrors the navigation entry
// (the API checks every request again).
const FEATURES: Routes = [
  {
    path: 'incoming',
    canActivate: [permissionGuard(Permission.RegisterIncoming, Permission.AssignIncoming, Permission.HandleIncoming)],
    loadChildren: () => import('@vanthu/web/documents').then((m) => m.INCOMING_ROUTES),
  },
  {
    path: 'outgoing',
    canActivate: [
      permissionGuard(
        Permission.DraftDocuments,
        Permission.ReviewDocuments,
        Permission.SignDocuments,
        Permission.IssueDocuments,
        Permission.DispatchDocuments,
      ),
    ],
    loadChildren: () => import('@vanthu/web/documents').then((m) => m.OUTGOING_ROUTES),
  },
  {
    path: 'signing',
    canActivate: [permissionGuard(Permission.SignDocuments)],
    loadChildren: () => import('@vanthu/web/documents').then((m) => m.SIGNING_ROUTES),
  },
  {
    path: 'documents',
    loadChildren: () => import('@vanthu/web/documents').then((m) => m.DOCUMENT_LINK_ROUTES),
  },
  {
    path: 'exchange',
    canActivate: [permissionGuard(Permission.RegisterIncoming, Permission.DispatchDocuments)],
    loadChildren: () => import('@vanthu/web/exchange').then((m) => m.EXCHANGE_ROUTES),
  },
  {
    path: 'reports',
    canActivate: [permissionGuard(Permission.ViewReports)],
    loadChildren: () => import('@vanthu/web/reports').then((m) => m.REPORTS_ROUTES),
  },
  {
    path: 'records',
    canActivate: [permissionGuard(Permission.FileDocuments, Permission.ViewAccessLog)],
    loadChildren: () => import('@vanthu/web/records').then((m) => m.RECORDS_ROUTES),
  },
  {
    path: 'admin',
    canActivate: [permissionGuard(Permission.ManageUsers, Permission.ManageOrganisations)],
    loadChildren: () => import('@vanthu/web/admin').then((m) => m.ADMIN_ROUTES),
  },
  {
    path: 'notifications',
    loadChildren: () => import('@vanthu/web/notifications').then((m) => m.NOTIFICATIONS_ROUTES),
  },
];

export const appRoutes: Routes = [
  {
    path: 'login',
    canActivate: [guestGuard],
    loadChildren: () => import('@vanthu/web/login').then((m) => m.LOGIN_ROUTES),
  },
  {
    path: '',
    canActivate: [authGuard],
    loadChildren: () => import('@vanthu/web/shell').then((m) => m.shellRoutes(FEATURES)),
  },
  { path: '**', redirectTo: '' },
];
