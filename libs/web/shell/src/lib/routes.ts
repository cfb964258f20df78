import { Routes } from '@angular/router';
import { HomePage } from './home.page';
import { ShellComponent } from './shell.component';

/**
 * The logged-in frame with the home page; the app adds each feature's lazily loaded routes
 * as `features` (a feature library never imports another).
 */
export function shellRoutes(features: Routes): Routes {
  return [
    {
      path: '',
      component: ShellComponent,
      children: [{ path: '', pathMatch: 'full', component: HomePage }, ...features],
    },
  ];
}
