/**
 * The commands, by name. A command reads its options from Parsed (refusing
 * any it does not take), opens the data folder itself (cli/data.ts) and
 * writes what it has to say through Io; it refuses by throwing a Refusal.
 * export, import, imports and undo are the exchange's (cli/commands/exchange.ts);
 * pack prints a meeting's pack (cli/commands/pack.ts).
 */
import type { Parsed } from '../args';
import { dump } from './dump';
import { setup } from './setup';
import { exportCommand, importCommand, importsCommand, undoCommand } from './exchange';
import { packCommand } from './pack';

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export interface Command {
  name: string;
  run(parsed: Parsed, io: Io): void | Promise<void>;
}

export const COMMANDS: ReadonlyMap<string, Command> = new Map([setup, dump, exportCommand, importCommand, importsCommand, undoCommand, packCommand].map((c) => [c.name, c]));
