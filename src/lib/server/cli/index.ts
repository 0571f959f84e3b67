import type { CliCommand } from './command';
import { erlangCommand } from './erlang';
import { planCommand } from './plan';
import { reportCommand } from './report';
import { settingsCommand } from './settings';
import { ingestCommand } from './ingest';
import { datasetsCommand } from './datasets';
import { metricsCommand } from './metrics';
import { seriesCommand } from './series';
import { generateCommand } from './generate';
import { serveCommand } from './serve';
import { benchCommand } from './bench';
import { usersCommand } from './users';

/** Every CLI command, one file each. */
export const commands: CliCommand[] = [ingestCommand, datasetsCommand, settingsCommand, metricsCommand, seriesCommand, generateCommand, erlangCommand, planCommand, reportCommand, serveCommand, usersCommand, benchCommand];
