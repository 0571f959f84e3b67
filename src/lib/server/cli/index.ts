import type { CliCommand } from './command';
import { settingsCommand } from './settings';

/** Every CLI command, one file each. */
export const commands: CliCommand[] = [settingsCommand];
