import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig, AuthenticatedUser, ClientAddress, CurrentUser, Public, RequiresPermission, SkipCsrf, Unauthenticated } from '@vanthu/server/core';
import { CSRF_COOKIE, SESSION_COOKIE, SessionResponse } from '@vanthu/shared/contracts';
import type { CookieOptions, Request, Response } from 'express';

import { AuthService } from './auth.service';
import { ChangePasswordDto, LoginDto } from './dto/auth.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @SkipCsrf()
  @Post('login')
  @HttpCode(200)
  async logIn(@Body() body: LoginDto, @Req() request: Request, @ClientAddress() ip: string, @Res({ passthrough: true }) response: Response): Promise<SessionResponse> {
    const { user, session } = await this.auth.logIn(body, { ip, userAgent: request.headers['user-agent'] ?? null });
    const options = this.cookieOptions(session.expiresAt);
    response.cookie(SESSION_COOKIE, session.token, { ...options, httpOnly: true });
    response.cookie(CSRF_COOKIE, session.csrfToken, { ...options, httpOnly: false });
    return { user, csrfToken: session.csrfToken };
  }

  @RequiresPermission()
  @Get('me')
  async me(@CurrentUser() current: AuthenticatedUser, @Res({ passthrough: true }) response: Response): Promise<SessionResponse> {
    const csrfToken = await this.auth.csrfTokenOf(current.sessionId);
    if (!csrfToken) throw new Unauthenticated();
    // Re-issue the readable CSRF cookie in case the browser lost it.
    response.cookie(CSRF_COOKIE, csrfToken, { ...this.cookieOptions(), httpOnly: false });
    return { user: await this.auth.sessionUser(current.id), csrfToken };
  }

  @RequiresPermission()
  @Post('logout')
  @HttpCode(204)
  async logOut(@CurrentUser() current: AuthenticatedUser, @ClientAddress() ip: string, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.auth.logOut(current, ip);
    response.clearCookie(SESSION_COOKIE, this.cookieOptions());
    response.clearCookie(CSRF_COOKIE, this.cookieOptions());
  }

  @RequiresPermission()
  @Post('password')
  @HttpCode(204)
  async changePassword(@CurrentUser() current: AuthenticatedUser, @Body() body: ChangePasswordDto, @ClientAddress() ip: string): Promise<void> {
    await this.auth.changePassword(current, body, ip);
  }

  private cookieOptions(expires?: Date): CookieOptions {
    return { sameSite: 'lax', secure: this.config.session.cookieSecure, path: '/', ...(expires ? { expires } : {}) };
  }
}
