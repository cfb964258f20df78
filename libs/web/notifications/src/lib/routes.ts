import { Routes } from '@angular/router';
import { NotificationsPage } from './notifications.page';

export const NOTIFICATIONS_ROUTES: Routes = [{ path: '', component: NotificationsPage }];
