import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';

import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { SessionGuard } from './session.guard';
import { SessionStore } from './session.store';

/** Log-in, log-out, password change, and the global session/CSRF/permission guard. */
@Module({
  controllers: [AuthController],
  providers: [AuthService, SessionStore, LoginThrottle, { provide: APP_GUARD, useClass: SessionGuard }],
  exports: [SessionStore, LoginThrottle],
})
export class AuthModule {}
