import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import type { Commune } from '../../content/communes.ts';
import { IocAccounts } from '../../ioc/accounts.ts';
import { IocSessions } from '../../ioc/sessions.ts';
import type { ServiceState } from '../ask-handbook.ts';
import type { PageShell } from '../html-pages.ts';
import { registerIocAuth } from './ioc-auth.ts';
import { registerIocDashboard } from './ioc-dashboard.ts';

/** What the IOC dashboard needs from the app. */
export interface IocRouteOptions {
  config: Config;
  getState: () => ServiceState;
  shell: PageShell;
  communes: readonly Commune[];
}

/**
 * The IOC team's dashboard under `/ioc/` and its API under `/api/ioc/`, in a plugin context of their own (cookies,
 * the session guard and an error handler that answers pages with pages). Accounts come from `ioc-users.json` in the
 * data folder (`npm run ioc:user`); sessions live in memory.
 */
export async function registerIocRoutes(app: FastifyInstance, { config, getState, shell, communes }: IocRouteOptions): Promise<void> {
  const ctx = { accounts: new IocAccounts(config.dataDir), sessions: new IocSessions(), stylesheets: shell.stylesheets };
  await app.register(async (ioc) => {
    await registerIocAuth(app, ioc, ctx);
    registerIocDashboard(ioc, ctx, { getState, handbookDir: config.handbookDir, communes, now: () => new Date() });
  });
}
