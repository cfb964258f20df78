import { Routes } from '@angular/router';
import { Permission } from '@vanthu/shared/contracts';
import { permissionGuard } from '@vanthu/web/core';

import { AccessLogPage } from './access-log.page';
import { RecordFilesPage } from './record-files.page';

export const RECORDS_ROUTES: Routes = [
  { path: 'files', component: RecordFilesPage, canActivate: [permissionGuard(Permission.FileDocuments)] },
  { path: 'files/:id', component: RecordFilesPage, canActivate: [permissionGuard(Permission.FileDocuments)] },
  { path: 'access-log', component: AccessLogPage, canActivate: [permissionGuard(Permission.ViewAccessLog)] },
  { path: '', pathMatch: 'full', redirectTo: 'files' },
];
