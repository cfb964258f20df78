import { Routes } from '@angular/router';
import { ExchangePage } from './exchange.page';

export const EXCHANGE_ROUTES: Routes = [{ path: '', component: ExchangePage }];
