/**
 * The command line's arguments: one command, its options (--name VALUE or
 * --flag) and positional arguments (a file to import, an id to undo). Every
 * option a command does not know is refused, never ignored.
 */
import { Refusal } from './refusal';

export interface Parsed {
  dataDir: string | null;
  command: string | null;
  options: Map<string, string | true>;
  positional: string[];
}

/** Options that take a value; any other --option is a flag. */
const WITH_VALUE = new Set(['data-dir', 'name', 'body', 'year', 'out', 'out-dir', 'take', 'map', 'header-row', 'sheet', 'meeting', 'lang', 'sections']);

export function parseArgs(argv: readonly string[]): Parsed {
  const options = new Map<string, string | true>();
  const positional: string[] = [];
  let command: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
      let value: string | true = true;
      if (eq > 0) value = arg.slice(eq + 1);
      else if (WITH_VALUE.has(name)) {
        const next = argv[i + 1];
        if (next === undefined || next.startsWith('--')) {
          throw new Refusal(`--${name} 다음에 값을 적어 주세요.`, `--${name} needs a value after it.`);
        }
        value = next;
        i++;
      }
      if (options.has(name)) throw new Refusal(`--${name}을(를) 두 번 적었습니다.`, `--${name} is given twice.`);
      options.set(name, value);
    } else if (command === null) command = arg;
    else positional.push(arg);
  }
  const dataDir = options.get('data-dir');
  options.delete('data-dir');
  if (dataDir === true) throw new Refusal('--data-dir 다음에 데이터 폴더를 적어 주세요.', '--data-dir needs the data folder after it.');
  return { dataDir: dataDir ?? null, command, options, positional };
}

/** Refuses options and arguments the command does not take. */
export function expectOnly(parsed: Parsed, allowed: readonly string[], positional = 0): void {
  for (const name of parsed.options.keys()) {
    if (!allowed.includes(name)) {
      throw new Refusal(`${parsed.command} 명령에는 --${name} 옵션이 없습니다.`, `${parsed.command} has no option --${name}.`);
    }
  }
  if (parsed.positional.length > positional) {
    const extra = parsed.positional[positional]!;
    throw new Refusal(`${parsed.command} 명령이 모르는 인수입니다: ${extra}`, `${parsed.command} does not take the argument ${extra}.`);
  }
}

export function stringOption(parsed: Parsed, name: string): string | null {
  const v = parsed.options.get(name);
  if (v === true) throw new Refusal(`--${name} 다음에 값을 적어 주세요.`, `--${name} needs a value after it.`);
  return v ?? null;
}

export function flag(parsed: Parsed, name: string): boolean {
  const v = parsed.options.get(name);
  if (typeof v === 'string') throw new Refusal(`--${name}에는 값이 없습니다.`, `--${name} takes no value.`);
  return v === true;
}
