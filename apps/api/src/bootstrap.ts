import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppConfig, createValidationPipe, ErrorBodyFilter } from '@vanthu/server/core';
import { CSRF_HEADER, SESSION_COOKIE } from '@vanthu/shared/contracts';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import { NextFunction, Request, Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';

import { AppModule } from './app.module';

/**
 * Builds the HTTP application exactly as production runs it; tests call this too, so that they
 * exercise the same pipes, filters, headers and cookies.
 */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true });
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
          connectSrc: ["'self'"],
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
  app.useBodyParser('json', { limit: '1mb' });
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
  return app;
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
