import { Routes } from '@angular/router';
import { RecordFilesPage } from './record-files.page';

export const RECORDS_ROUTES: Routes = [
  { path: 'files', component: RecordFilesPage },
  { path: 'files/:id', component: RecordFilesPage },
  { path: '', pathMatch: 'full', redirectTo: 'files' },
];
