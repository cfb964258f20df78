import { NotFound, ServiceUnavailable } from '@vanthu/server/core';

/** The notification does not exist or belongs to someone else (the same answer, so ids reveal nothing). */
export class NotificationNotFound extends NotFound {
  constructor() {
    super({ vi: 'Thông báo', en: 'The notification' });
  }
}

/** Redis does not answer: queue counts and dead-letter retries wait for it. */
export class QueuesUnavailable extends ServiceUnavailable {
  constructor() {
    super({ vi: 'Hàng đợi (Redis) tạm thời không phản hồi. Vui lòng thử lại sau.', en: 'The queues (Redis) do not answer right now. Try again later.' });
  }
}
