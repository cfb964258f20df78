export type ComponentStatus = 'up' | 'down';

/** GET /api/health: 200 when every component is up, 503 otherwise. */
export interface HealthResponse {
  status: 'ok' | 'error';
  database: ComponentStatus;
  redis: ComponentStatus;
}
