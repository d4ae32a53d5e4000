/**
 * The application as a Fastify plugin: everything the HTTP server does, without listening.
 * Tests use it through `app.inject`, the CLI through server.ts.
 */
import { randomUUID } from 'node:crypto';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from '../config.js';
import { createCategoryService } from '../core/category.service.js';
import { createCheckService } from '../core/check.service.js';
import { createClaimService } from '../core/claim.service.js';
import { createEvidenceService } from '../core/evidence.service.js';
import { CheckIndex } from '../core/check-index.js';
import { createIntakeService } from '../core/intake.service.js';
import { createIntegrationService } from '../core/integration.service.js';
import { createItemService } from '../core/item.service.js';
import { createTipService } from '../core/tip.service.js';
import { createTokenService } from '../core/token.service.js';
import { createWatchTermService } from '../core/watch-term.service.js';
import { createChecklistService } from '../core/checklist.service.js';
import { createClaimViewService } from '../core/claim-view.service.js';
import { createDeskService } from '../core/desk.service.js';
import type { DocumentFetcher } from '../core/evidence.service.js';
import { createNoteService } from '../core/note.service.js';
import { createTriageService } from '../core/triage.service.js';
import { createDocumentFetcher } from '../ingest/evidence/document-fetcher.js';
import { createProductFetcher } from '../ingest/workers.js';
import { createEventBus, type EventBus } from './event-bus.js';
import { databaseRateStore, SharedRateWindow } from './rate-limits.js';
import type { Clock, Repositories } from '../core/ports.js';
import { createSourceService } from '../core/source.service.js';
import { createStatementService } from '../core/statement.service.js';
import { createInquiryService } from '../core/inquiry.service.js';
import { createPortalService } from '../core/portal.service.js';
import { portalRepository } from '../db/portal.repo.js';
import { PageCache } from '../portal/page-cache.js';
import { portalNotFound, portalPlugin } from '../portal/plugin.js';
import { inquiryRoutes } from './routes/inquiries/index.js';
import type { Database } from '../db/client.js';
import { createAccountTokenService } from '../core/account-token.service.js';
import { createAuthService } from '../core/auth.service.js';
import { createCredentialGuard } from '../core/credential-guard.js';
import type { Mailer } from '../core/ports.js';
import { createTwoFactorService } from '../core/two-factor.service.js';
import { createUserAdminService } from '../core/user-admin.service.js';
import { createRetentionService } from '../core/retention.js';
import { createSmtpMailer } from './mailer.js';
import { createReportService } from '../reports/report.service.js';
import { authPlugin } from './plugins/auth.js';
import { routeAccessPlugin } from './plugins/route-access.js';
import { authRoutes } from './routes/auth/index.js';
import { userRoutes } from './routes/users/index.js';
import { deskPlugin } from './plugins/desk.js';
import { problemPlugin } from './plugins/problem.js';
import { activityReportRoutes } from './routes/activity-reports/index.js';
import { categoryRoutes } from './routes/categories/index.js';
import { checkRoutes } from './routes/checks/index.js';
import { claimRoutes } from './routes/claims/index.js';
import { claimViewRoutes } from './routes/claims/views.js';
import { healthRoutes } from './routes/health/index.js';
import { itemRoutes } from './routes/items/index.js';
import { reportRoutes } from './routes/reports/index.js';
import { tipRoutes } from './routes/tips/index.js';
import { tokenRoutes } from './routes/tokens/index.js';
import { watchTermRoutes } from './routes/watch-terms/index.js';
import { webhookRoutes } from './routes/webhooks/index.js';
import { sourceRoutes } from './routes/sources/index.js';
import { statementRoutes } from './routes/statements/index.js';
import { checklistRoutes } from './routes/checklists/index.js';
import { deskRoutes } from './routes/desk/index.js';
import { eventRoutes } from './routes/events/index.js';
import { evidenceRoutes } from './routes/evidence/index.js';
import { noteRoutes } from './routes/notes/index.js';
import { triageRoutes } from './routes/triage/index.js';
import { settingsRoutes } from './routes/settings/index.js';
import { validatorCompiler } from './validation.js';
import { createProcessActivity, metricsPlugin } from './metrics.js';
import { createSystemHealth } from './system-health.js';
import { systemHealthRoutes } from './routes/system-health/index.js';

/** What the app needs from the outside world. */
export interface AppDependencies {
  config: Config;
  database: Database;
  repos: Repositories;
  clock?: Clock;
  logger?: FastifyServerOptions['loggerInstance'];
  /** The published-check matcher; shared with the worker in a single process. */
  checkIndex?: CheckIndex;
  /** Outgoing mail; by default SMTP when SMTP_URL is set, none otherwise. */
  mailer?: Mailer;
  /** The built desk (default: dist/desk of this checkout). */
  deskDir?: string;
  /** Live changes for the events stream; one per process. */
  events?: EventBus;
  /** Fetches pages pasted as evidence; the guarded product fetcher by default. */
  fetchDocument?: DocumentFetcher;
  /** Interval of the events stream's keep-alive comments. Default 15 s. */
  eventHeartbeatMs?: number;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Builds the app (not listening). */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const { config, database, repos } = deps;
  const clock = deps.clock ?? (() => new Date());
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // Keep a caller's (or the reverse proxy's) request id so logs line up across hops.
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    requestIdHeader: false,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  app.setValidatorCompiler(validatorCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // The API docs page needs inline styles; nothing else does.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: config.baseUrl.startsWith('https://'),
  });
  await app.register(problemPlugin);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kiểm Chứng API',
        version: 'v1',
        description:
          'Claims, checks, items, sources, categories and statements. Errors are RFC 9457 problem documents. Staff calls need a desk session (the `kc_session` cookie from `POST /auth/login`, with `x-csrf-token` on writes) or `Authorization: Bearer <token>`; writes carry the current `version` of what they change.',
      },
      servers: [{ url: config.baseUrl }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  // Before any route: every route registered from here on must state its permission.
  await app.register(routeAccessPlugin);
  // Limits are set per route (the tip line, tip lookups); nothing is limited by default.
  await app.register(rateLimit, {
    global: false,
    // Counted in the database: the limits hold across every web process.
    store: databaseRateStore(repos.rateCounters, clock),
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      code: 'rate_limited',
      message: `Too many requests from your address; try again in ${Math.ceil(context.ttl / 1000)} s.`,
    }),
  });

  if (!config.secretKey)
    throw new Error('buildApp needs the instance secret key (ensureSecretKey)');
  const secretKey = config.secretKey;
  const checkIndex = deps.checkIndex ?? new CheckIndex(repos.pipeline);
  const guard = createCredentialGuard(repos, clock, {
    secretKey,
    throttle: {
      windowMs: config.loginThrottleMinutes * 60_000,
      maxPerAccount: config.loginMaxFailuresPerAccount,
      maxPerAddress: config.loginMaxFailuresPerAddress,
    },
  });
  const auth = createAuthService(repos, clock, guard, {
    idleMs: config.sessionIdleMinutes * 60_000,
    absoluteMs: config.sessionAbsoluteHours * 3_600_000,
  });
  const mailer = deps.mailer ?? createSmtpMailer(config.smtpUrl, config.smtpFrom);
  const events = deps.events ?? createEventBus();
  const fetchDocument =
    deps.fetchDocument ??
    createDocumentFetcher(
      createProductFetcher({
        baseUrl: config.baseUrl,
        allowHosts: config.fetchAllowHosts,
        maxBytes: config.fetchMaxBytes,
        timeoutMs: config.fetchTimeoutMs,
      }),
    );
  const services = {
    auth,
    twoFactor: createTwoFactorService(repos, clock, guard, { secretKey }),
    accountTokens: createAccountTokenService(repos, clock, {
      baseUrl: config.baseUrl,
      mailer,
      onMailError: (error) => app.log.error({ err: error }, 'e-mail could not be sent'),
    }),
    userAdmin: createUserAdminService(repos, clock),
    intake: createIntakeService(repos, clock, events),
    tips: createTipService(repos, clock, checkIndex, {
      secretKey,
      powBits: config.tipPowBits,
      contactRetention: config.contactRetention,
    }),
    tokens: createTokenService(repos, clock),
    watchTerms: createWatchTermService(repos, clock),
    integrations: createIntegrationService(repos, clock, { secretKey }),
    categories: createCategoryService(repos, clock),
    sources: createSourceService(repos, clock),
    items: createItemService(repos, clock, events),
    claims: createClaimService(repos, clock, events),
    claimViews: createClaimViewService(repos, checkIndex),
    checks: createCheckService(repos, clock, events),
    statements: createStatementService(repos, clock, events),
    inquiries: createInquiryService(repos, clock, {
      secretKey,
      contactRetention: config.contactRetention,
      feed: events,
    }),
    evidence: createEvidenceService(
      repos,
      clock,
      { fetchDocument, maxUploadBytes: config.uploadMaxBytes },
      events,
    ),
    triage: createTriageService(repos, clock, events),
    checklists: createChecklistService(repos, clock, events),
    notes: createNoteService(repos, clock, events),
    desk: createDeskService(repos, clock),
    reports: createReportService(database.db, clock, config.reports),
    retention: createRetentionService(repos, clock, config.contactRetention),
  };
  // All tips per minute, counted once for the API and the portal's form.
  // One count of all tips per minute, for the API and the portal's form, in every process.
  const tipsOfEveryone = new SharedRateWindow(
    repos.rateCounters,
    'tips',
    config.tipRateGlobal,
    60_000,
    clock,
  );
  await app.register(authPlugin, { repos, auth, baseUrl: config.baseUrl });
  await app.register(healthRoutes, { database });
  // Requests and matches of this process, recorded by the metrics and read by the health page.
  const activity = createProcessActivity();
  await app.register(metricsPlugin, {
    database,
    checkIndex,
    token: config.metricsToken,
    activity,
  });
  const health = createSystemHealth({ database, activity, backup: config.backup, clock });
  await app.register(
    async (v1) => {
      await v1.register(authRoutes, { ...services, baseUrl: config.baseUrl });
      await v1.register(userRoutes, services);
      await v1.register(categoryRoutes, services);
      await v1.register(sourceRoutes, services);
      await v1.register(itemRoutes, services);
      await v1.register(claimRoutes, services);
      await v1.register(claimViewRoutes, services);
      await v1.register(checkRoutes, services);
      await v1.register(statementRoutes, services);
      await v1.register(tipRoutes, {
        tips: services.tips,
        perIpPerMinute: config.tipRatePerIp,
        everyone: tipsOfEveryone,
      });
      await v1.register(inquiryRoutes, services);
      await v1.register(reportRoutes, services);
      await v1.register(activityReportRoutes, services);
      await v1.register(tokenRoutes, services);
      await v1.register(webhookRoutes, services);
      await v1.register(watchTermRoutes, services);
      await v1.register(triageRoutes, services);
      await v1.register(checklistRoutes, services);
      await v1.register(noteRoutes, services);
      await v1.register(evidenceRoutes, {
        evidence: services.evidence,
        uploadMaxBytes: config.uploadMaxBytes,
      });
      await v1.register(deskRoutes, services);
      await v1.register(settingsRoutes, services);
      await v1.register(systemHealthRoutes, { health });
      await v1.register(eventRoutes, {
        bus: events,
        heartbeatMs: deps.eventHeartbeatMs ?? 15_000,
      });
    },
    { prefix: '/api/v1' },
  );
  await app.register(deskPlugin, { deskDir: deps.deskDir });
  const pageCache = new PageCache({ maxBytes: config.portal.cacheBytes });
  app.decorate('portalCache', pageCache);
  await app.register(portalPlugin, {
    cache: pageCache,
    baseUrl: config.baseUrl,
    portal: createPortalService(portalRepository(database.db), checkIndex),
    tips: services.tips,
    inquiries: services.inquiries,
    publisher: config.portal.publisher,
    pressContacts: config.portal.pressContacts,
    tipPerIpPerMinute: config.tipRatePerIp,
    takeGlobalTip: () => tipsOfEveryone.take(),
    tipPowRequired: config.tipPowBits > 0,
    events,
    onContentChange: () => checkIndex.invalidate(),
  });
  app.decorate('pageNotFound', portalNotFound(config.baseUrl));
  return app;
}
