/**
 * Small pieces of the Exchange view: a path chosen by the system's dialog
 * or, where there is none (outside Electron), typed; a Notice from main in
 * the interface's language with where it applies; a long text clipped with
 * a way to see it whole; a cell value as shown.
 */
import { useId, type ReactNode } from 'react';
import { PathText, usePathChoice } from '../../components/PathChoice';
import type { Language } from '../../../../contract/domain';
import type { Notice } from '../../../../contract/exchange';
import { COMPLETION_LEVELS, LEVEL_LABELS, type CompletionLevel } from '../../../../contract/rules';
import { client, type ApiError } from '../../api';
import { useLanguage, useT, type Translate } from '../../i18n';

/** What a refusal of main means here, when its hint is one the screen knows (a missing file or folder, a stale preview). */
export function problemMessage(t: Translate, error: ApiError, path = ''): string | undefined {
  const hints = error.details.map((d) => d.hint);
  if (hints.includes('not_found')) return t('exchange.import.notFound', { path });
  if (hints.includes('not_file')) return t('exchange.import.notFile', { path });
  if (hints.includes('no_folder')) return t('exchange.folder.missing', { path });
  if (hints.includes('stale_preview')) return t('exchange.apply.stale');
  if (hints.some((h) => h?.startsWith('later:'))) return t('exchange.undo.later');
  if (hints.includes('changed_since')) return t('exchange.undo.changedSince');
  if (hints.includes('undone')) return t('exchange.undo.undone');
  if (hints.includes('indicator_removed')) return t('exchange.undo.indicatorRemoved');
  return undefined;
}

export { PathText };

/** A notice from main in the interface's language, and where it applies. */
export function NoticeText({ notice, testId }: { notice: Notice; testId?: string }) {
  const t = useT();
  const language = useLanguage();
  return (
    <span className="xv-notice" data-testid={testId}>
      <span lang={language}>{language === 'ko' ? notice.ko : notice.en}</span>
      {notice.where ? <span className="xv-notice__where">{t('exchange.import.where', { where: notice.where })}</span> : null}
    </span>
  );
}

const CLIP = 140;

/** A text as it is; a long one clipped, whole behind a disclosure. Empty (null) says so. */
export function LongText({ text }: { text: string | null }) {
  const t = useT();
  if (text === null || text === '') return <span className="xv-empty">{t('exchange.value.empty')}</span>;
  if (text.length <= CLIP) return <span className="xv-text">{text}</span>;
  return (
    <details className="xv-long">
      <summary>
        <span className="xv-long__clip">{`${text.slice(0, CLIP)}…`}</span>{' '}
        <span className="xv-long__more">{t('exchange.value.whole', { count: text.length })}</span>
      </summary>
      <span className="xv-text">{text}</span>
    </details>
  );
}

/** A cell's value as main gives it (text); a level given as its code is shown as its name. */
export function valueText(language: Language, field: string, value: string | null): string | null {
  if (value === null) return null;
  // A level and yes/no come in both languages ("상당 부분 / Substantial"): the interface's half.
  if ((field === 'completion' || field === 'delayed') && value.includes(' / ')) {
    const [ko, en] = value.split(' / ');
    return (language === 'ko' ? ko : en) ?? value;
  }
  if (field === 'completion' && (COMPLETION_LEVELS as readonly string[]).includes(value)) return LEVEL_LABELS[language][value as CompletionLevel];
  return value;
}

interface PathFieldProps {
  kind: 'folder' | 'workbook';
  value: string;
  onChange(path: string): void;
  /** Called with the path the system's dialog answered (the typed path is used through the form). */
  onChosen?(path: string): void;
  chooseLabel: string;
  typedLabel: string;
  typedHint: string;
  disabled?: boolean;
  /** Show the typed path at once (a dropped file whose path the window cannot tell). */
  showTyped?: boolean;
  testId: string;
  children?: ReactNode;
}

/**
 * "Choose…" opens the system's dialog (exchange:choosePath); where main has
 * none (available false, as in the end-to-end tests), a text field for the
 * path shows instead and takes the focus.
 */
export function PathField(props: PathFieldProps) {
  const t = useT();
  const id = useId();
  const { typing, input, choose } = usePathChoice(
    () => client.exchange.choosePath(props.kind),
    (path) => {
      props.onChange(path);
      props.onChosen?.(path);
    },
    props.showTyped === true,
  );
  return (
    <div className="xv-path" data-testid={props.testId}>
      <div className="xv-path__row">
        <button type="button" className="button" data-testid={`${props.testId}-choose`} disabled={props.disabled} onClick={() => void choose()}>
          {props.chooseLabel}
        </button>
        {!typing && props.kind === 'folder' ? (
          <span className="xv-path__chosen" data-testid={`${props.testId}-chosen`}>
            <span className="visually-hidden">{t('exchange.folder.chosen')}: </span>
            {props.value === '' ? <span className="hint">{t('exchange.folder.none')}</span> : <PathText path={props.value} />}
          </span>
        ) : null}
      </div>
      {typing ? (
        <div className="xv-path__typed">
          <label className="field__label" htmlFor={`${id}-path`}>
            {props.typedLabel}
          </label>
          <div className="xv-path__row">
            <input
              id={`${id}-path`}
              ref={input}
              className="input xv-path__input"
              value={props.value}
              spellCheck={false}
              disabled={props.disabled}
              aria-describedby={`${id}-hint`}
              data-testid={`${props.testId}-input`}
              onChange={(e) => props.onChange(e.target.value)}
            />
            {props.children}
          </div>
          <p className="hint" id={`${id}-hint`}>
            {props.typedHint}
          </p>
        </div>
      ) : null}
    </div>
  );
}
