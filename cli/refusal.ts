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
  help                              this text

Exit status: 0 done, 2 refused (the reason on stderr), 1 internal error.`;
