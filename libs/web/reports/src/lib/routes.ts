import { Routes } from '@angular/router';
import { ReportsPage } from './reports.page';

export const REPORTS_ROUTES: Routes = [{ path: '', component: ReportsPage }];
