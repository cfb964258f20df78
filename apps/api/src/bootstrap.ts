import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';

import { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { SessionStore } from '@vanthu/server/auth';
import { answerClientErrors, AppConfig, bodyForStatus, bodyParserErrorBody, createValidationPipe, ErrorBodyFilter } from '@vanthu/server/core';
import { CSRF_HEADER, Role, SESSION_COOKIE } from '@vanthu/shared/contracts';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import { NextFunction, Request, Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';

import { AppModule } from './app.module';

/**
 * Builds the HTTP application exactly as production runs it; tests call this too, so that they
 * exercise the same pipes, filters, headers and cookies. `extraModules` is for the province
 * benchmark's naive baseline only (tools/bench/support/naive-api.ts): its routes then pass the same
 * guard, middleware and compression as ours. main.ts passes none.
 */
export async function createApp(config: AppConfig, extraModules: Array<Type | DynamicModule> = []): Promise<NestExpressApplication> {
  // Nest's default body parsers would also read url-encoded forms; the API reads JSON only.
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, extraModules), { bufferLogs: true, bodyParser: false });
  answerClientErrors(app.getHttpServer());
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // Angular Material sets inline styles on elements.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          workerSrc: ["'self'", 'blob:'],
          // The VGCA Sign Service: the leader's USB token through the local plugin's WebSocket.
          connectSrc: ["'self'", pluginOrigin(config.signing.pluginUrl)],
          fontSrc: ["'self'", 'data:'],
          objectSrc: ["'none'"],
          frameAncestors: ["'self'"],
          // Only behind HTTPS: on a plain-HTTP intranet address it would break every script.
          upgradeInsecureRequests: config.session.cookieSecure ? [] : null,
        },
      },
      strictTransportSecurity: config.session.cookieSecure,
    }),
  );
  // JSON and other dynamic answers travel compressed (brotli at a fast level, or gzip) when the
  // client accepts it: a commune's 2 Mbit/s link. Left alone: what is already compressed (PDFs,
  // the precompressed web app) and the live stream, which Nest marks `no-transform`.
  app.use(compression());
  app.use(cookieParser());
  app.use(refuseUnreadableBodies);
  app.useBodyParser('json', { limit: '1mb' });
  // Nest would turn body-parser's errors into a bare 400 and lose which one it was.
  app.use((error: unknown, _request: Request, response: Response, next: NextFunction) => {
    const body = bodyParserErrorBody(error);
    if (!body) return next(error);
    response.status(body.statusCode).json(body);
  });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorBodyFilter());

  const openApi = new DocumentBuilder()
    .setTitle('VănThư API')
    .setDescription('E-office for Vietnamese local government: documents, registers, signing, dispatch, assignments.')
    .setVersion('1')
    .addCookieAuth(SESSION_COOKIE)
    .addApiKey({ type: 'apiKey', in: 'header', name: CSRF_HEADER }, 'csrf')
    .build();
  if (config.nodeEnv === 'production') app.use(['/api/docs', '/api/docs-json', '/api/docs-yaml'], administratorsOnly(app.get(SessionStore)));
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi));

  if (config.webDistDir) serveWebApp(app, config.webDistDir);
  app.enableShutdownHooks();
  try {
    await app.init();
  } catch (error) {
    // A start-up check refused (the signing keys cannot be opened, say): close the connections
    // opened so far, so that the process (or a test) ends cleanly.
    await app.close().catch(() => undefined);
    throw error;
  }
  // Behind a reverse proxy that keeps connections open (nginx's upstream keepalive), Node must not
  // close an idle one first: a request nginx sends on it at that moment is lost as a 502.
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return app;
}

/**
 * The routes that read a body of their own kind themselves, within their own limits: edXML packets
 * from other e-office systems (XML), the external directory's CSV import.
 */
const OWN_BODY_TYPES = new Map<string, readonly string[]>([
  ['/api/exchange/packets', ['application/xml', 'text/xml']],
  ['/api/admin/external-organisations/import', ['text/csv', 'text/plain']],
]);

/**
 * A body the API cannot read is refused with 415 before any route sees it: JSON everywhere,
 * multipart/form-data for uploads (multer reads those on their routes), and on the few routes of
 * OWN_BODY_TYPES the kind that route reads.
 */
function refuseUnreadableBodies(request: Request, response: Response, next: NextFunction): void {
  const hasBody = request.headers['transfer-encoding'] !== undefined || (request.headers['content-length'] ?? '0') !== '0';
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (!hasBody || type === 'application/json' || type === 'multipart/form-data') return next();
  if (OWN_BODY_TYPES.get(request.path)?.includes(type)) return next();
  response.status(415).json(bodyForStatus(415));
}

/**
 * In production the API's map (Swagger UI and the OpenAPI document) is for signed-in
 * administrators only: it lists every route an attacker could try. Development and tests keep it open.
 */
function administratorsOnly(sessions: SessionStore) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const token = (request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    void (token ? sessions.resolve(token) : Promise.resolve(null)).then(
      (session) => {
        if (session?.roles.includes(Role.Admin)) return next();
        const status = session ? 403 : 401;
        response.status(status).json(bodyForStatus(status));
      },
      (error: unknown) => next(error),
    );
  };
}

/**
 * Serves the built Angular app at `/`, with every non-API page falling back to index.html. The
 * build wrote a brotli and a gzip copy beside each file (tools/scripts/precompress.js): the one the
 * browser accepts goes out as it is.
 */
function serveWebApp(app: NestExpressApplication, dir: string): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) throw new Error(`WEB_DIST_DIR ${dir} has no index.html: build the web app first`);
  app.use(
    expressStaticGzip(dir, {
      index: false,
      enableBrotli: true,
      orderPreference: ['br', 'gzip'],
      serveStatic: {
        setHeaders: (response, path) => {
          // Angular names its output `main-RH26SFYZ.js` (content hash); index.html must always be fresh.
          response.setHeader('Cache-Control', /-[0-9A-Z]{8}\.(js|css|woff2?)(\.(br|gz))?$/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      },
    }),
  );
  app.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || request.path === '/api' || request.path.startsWith('/api/')) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
}

/** `wss://127.0.0.1:8987/x` → `wss://127.0.0.1:8987`, as a CSP source. */
function pluginOrigin(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
}
