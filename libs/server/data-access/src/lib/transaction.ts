import { DataSource, EntityManager } from 'typeorm';

// MariaDB/MySQL error numbers worth one more try: the whole transaction was rolled back for us.
const RETRYABLE = new Set([1213 /* ER_LOCK_DEADLOCK */, 1205 /* ER_LOCK_WAIT_TIMEOUT */]);

function isRetryable(error: unknown): boolean {
  const errno = (error as { errno?: number; driverError?: { errno?: number } })?.errno ?? (error as { driverError?: { errno?: number } })?.driverError?.errno;
  return errno !== undefined && RETRYABLE.has(errno);
}

/**
 * Runs `work` in one transaction: the change, its audit record and its outbox events commit
 * together or not at all. A deadlock victim is retried from the start (the database already
 * rolled everything back), so concurrent requests never surface a deadlock to a user.
 */
export async function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction(work);
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}
