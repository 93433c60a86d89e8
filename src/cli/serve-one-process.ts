/**
 * `arbor start` with one process (SQLite, or `--workers 1`): opens the platform, listens, prints
 * the banner and runs until SIGTERM or SIGINT, then stops gracefully (`graceful-close.ts`): exit
 * 0, or 1 when the shutdown fails. The settings were checked by `start-command.ts`.
 */
import type { ServerSettings } from '../config/server-settings.ts';
import type { Platform } from '../platform/create-platform.ts';
import { listenError } from './check-start-environment.ts';
import type { CliContext } from './command.ts';
import { prepareGracefulClose } from './graceful-close.ts';
import { openServingPlatform } from './open-serving-platform.ts';
import { startBanner } from './start-banner.ts';

/** Listens, closing everything already opened when that fails (a port taken in the meantime). */
async function listen(platform: Platform, host: string, port: number): Promise<void> {
  try {
    await platform.app.listen({ port, host });
  } catch (error) {
    await platform.close().catch(() => undefined);
    throw listenError(error, host, port);
  }
}

/** Serves in this process; resolves to 0 once Arbor listens (it then runs until stopped). */
export async function serveOneProcess(settings: Readonly<ServerSettings>, ctx: CliContext): Promise<number> {
  const { platform, dialect } = await openServingPlatform(settings, ctx, '');
  for (const notice of platform.notices) ctx.err(notice);
  const close = prepareGracefulClose(platform);
  // Installed before listening: a SIGTERM sent as soon as the address is printed (a supervisor,
  // a test) must stop Arbor gracefully, not kill it with the default action.
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    ctx.out(`${signal}: shutting down`);
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        ctx.err(`arbor start: shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  await listen(platform, settings.host, settings.port);
  const address = platform.app.server.address();
  const port = address !== null && typeof address === 'object' ? address.port : settings.port;
  for (const line of startBanner(settings, { port, dialect })) ctx.out(line);
  return 0;
}
