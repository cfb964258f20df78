// The i18n layer lives in its own util library so that UI widgets can use it; re-exported
// here for the features that already import it from core.
export * from '@vanthu/web/i18n';
export * from './lib/errors/api-error';
export * from './lib/errors/submission';
export * from './lib/api/api-base';
export * from './lib/api/auth-api';
export * from './lib/api/organisations-api';
export * from './lib/session/session.store';
export * from './lib/session/guards';
export * from './lib/session/session-expired.interceptor';
export * from './lib/provide-core';
export * from './lib/api/routing-api';
export * from './lib/api/admin-api';
export * from './lib/work/work-counts.store';
export * from './lib/notifications/notifications.store';
export * from './lib/api/exchange-api';
export * from './lib/api/records-api';
