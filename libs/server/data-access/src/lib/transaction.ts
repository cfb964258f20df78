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

/**
 * The SQL name of a MariaDB user lock for one purpose in the current database. GET_LOCK names are
 * server-wide: scoped by the database, installations (or test runs) sharing one server never wait
 * for each other's seeding or migrations. At most 64 characters (the server's limit).
 */
export function databaseLock(purpose: string): string {
  if (!/^[a-z-]{1,30}$/.test(purpose)) throw new Error(`Lock purpose must be a short lowercase word: ${purpose}`);
  return `CONCAT('vanthu.${purpose}.', LEFT(SHA2(DATABASE(), 256), 24))`;
}
