/**
 * What the command line says when it refuses: the reason in Korean and in
 * English, as the application words it (exit status 2). Anything else thrown
 * is an internal error (exit status 1).
 */
export class Refusal extends Error {
  constructor(
    readonly ko: string,
    readonly en: string,
  ) {
    super(en);
    this.name = 'Refusal';
  }
}

export const EXIT = { done: 0, internal: 1, refused: 2 } as const;

/** The usage, printed by `help` and after a refusal of the command line itself. */
export const USAGE = `npm run cli -- --data-dir DIR <command>

  setup --coordinator --name NAME   set this data folder up as MOGEF's coordinator installation
  setup --body CODE --name NAME     set it up for an implementing body (MOFA, MND …)
  dump --json [--out FILE]          the database's logical content as JSON, on stdout or into FILE
  export request --body CODE --year Y --out FILE
                                    MOGEF: a body's request workbook for the year
  export request --all --year Y --out-dir DIR
                                    MOGEF: the request workbooks of every body, into DIR
  export report --year Y --out FILE this installation's report workbook for the year
  import FILE [--json]              the preview of an import: nothing is written
  import FILE --apply [--take file|mine] [--confirm]
                                    applies it (conflicts need --take; --confirm after a warning
                                    that asks for one); [--body CODE --year Y] for a workbook
                                    without NAP Monitor's information sheet; --map A=code,C=completion,…
                                    [--header-row N] [--sheet NAME] for one without our headers
  imports [--json]                  the import history
  undo ID                           undoes import ID (see imports)
  pack --meeting UID --out FILE.pdf [--lang ko|en] [--sections cover,contents,…] [--body CODE] [--landscape]
                                    a meeting's pack as PDF, printed with Chromium (CHROMIUM_PATH,
                                    else /usr/bin/chromium); prints where each section starts
  help                              this text

Exit status: 0 done, 2 refused (the reason on stderr), 1 internal error.`;
