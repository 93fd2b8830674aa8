/**
 * The command line without the process: the arguments in, what to print
 * out, the exit status back (0 done, 2 refused, 1 internal error).
 */
import { parseArgs } from './args';
import { COMMANDS, type Io } from './commands';
import { EXIT, Refusal, USAGE } from './refusal';

export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  try {
    const parsed = parseArgs(argv);
    if (parsed.command === null || parsed.command === 'help' || parsed.options.has('help')) {
      const asked = parsed.command === 'help' || parsed.options.has('help');
      (asked ? io.out : io.err)(`${USAGE}\n`);
      return asked ? EXIT.done : EXIT.refused;
    }
    const command = COMMANDS.get(parsed.command);
    if (!command) {
      throw new Refusal(`${parsed.command}(이)라는 명령은 없습니다. 명령 목록은 help로 보세요.`, `There is no command ${parsed.command}: see help for the commands.`);
    }
    await command.run(parsed, io);
    return EXIT.done;
  } catch (err) {
    if (err instanceof Refusal) {
      io.err(`${err.ko}\n${err.en}\n`);
      return EXIT.refused;
    }
    const e = err instanceof Error ? err : new Error(String(err));
    io.err(`내부 오류가 났습니다. 아래 내용을 담당자에게 보내 주세요.\nInternal error: send what follows to your IT staff.\n${e.stack ?? e.message}\n`);
    return EXIT.internal;
  }
}
