import { Routes } from '@angular/router';
import { authGuard, guestGuard } from '@vanthu/web/core';

export const appRoutes: Routes = [
  {
    path: 'login',
    canActivate: [guestGuard],
    loadChildren: () => import('@vanthu/web/login').then((m) => m.LOGIN_ROUTES),
  },
  {
    path: '',
    canActivate: [authGuard],
    loadChildren: () => import('@vanthu/web/shell').then((m) => m.SHELL_ROUTES),
  },
  { path: '**', redirectTo: '' },
];
