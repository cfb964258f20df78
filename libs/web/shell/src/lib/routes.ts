import { Route, Routes } from '@angular/router';
import { permissionGuard } from '@vanthu/web/core';
import { ComingSoonPage } from './coming-soon.page';
import { HomePage } from './home.page';
import { NavItem, NAV_ITEMS, permissionsFor } from './navigation';
import { ShellComponent } from './shell.component';

// Later issues replace these placeholders with their own lazily loaded feature libraries.
function placeholder(item: NavItem): Route {
  return {
    path: item.path.slice(1),
    canActivate: [permissionGuard(...permissionsFor(item.path))],
    component: ComingSoonPage,
    data: { title: item.label },
  };
}

export const SHELL_ROUTES: Routes = [
  {
    path: '',
    component: ShellComponent,
    children: [
      { path: '', pathMatch: 'full', component: HomePage },
      ...NAV_ITEMS.filter((item) => item.path !== '/').map(placeholder),
    ],
  },
];
