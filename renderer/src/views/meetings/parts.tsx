/**
 * Small pieces of the Meetings screen: the names of kinds, states and pack
 * sections in the interface's language, a body's name, a meeting's date,
 * and a path chosen by the system's dialog or, where there is none, typed.
 */
import { useEffect, useId, useState } from 'react';
import { PathText as SharedPathText, usePathChoice } from '../../components/PathChoice';
import type { Language, PlanOutline } from '../../../../contract/domain';
import type { FollowUpState, MeetingKind, PackSection, ParticipantKind } from '../../../../contract/meetings';
import { formatDate } from '../../format';
import { useT, type Translate } from '../../i18n';
import { bodyName } from '../../model/outline';
import { client } from '../../api';

/** "부처 합동 점검 회의"; a body's own meeting with the body's code: "기관 자체 점검 회의 (MOFA)". */
export function kindLabel(t: Translate, kind: MeetingKind, bodyCode: string | null = null): string {
  const name = t(`meetings.kind.${kind}`);
  return kind === 'body' && bodyCode ? `${name} (${bodyCode})` : name;
}

export function stateLabel(t: Translate, state: FollowUpState): string {
  return t(`meetings.state.${state}`);
}

export function participantKindLabel(t: Translate, kind: ParticipantKind): string {
  return t(`meetings.participantKind.${kind}`);
}

export function sectionLabel(t: Translate, section: PackSection): string {
  return t(`meetings.section.${section}`);
}

/** A body's name in the interface's language, with its code; the code alone when the plan does not know it. */
export function bodyLabel(outline: PlanOutline, language: Language, code: string | null): string {
  if (!code) return '';
  const body = outline.bodies.find((b) => b.code === code);
  return body ? `${bodyName(language, body)} (${code})` : code;
}

export function formatMeetingDate(language: Language, date: string): string {
  return formatDate(language, date) || date;
}

/** Whether a text is a calendar date YYYY-MM-DD that exists. */
export function isIsoDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** A path or file name that may wrap after each separator. */
export function PathText({ path }: { path: string }) {
  return <SharedPathText path={path} className="mt-path" />;
}

/**
 * Whether this window has the system's dialogs (Electron): learnt from the
 * first pack:choosePath answer; preview and print are Electron's too, so
 * they are offered only once it said so.
 */
let systemDialogs: boolean | null = null;
const dialogListeners = new Set<() => void>();

export function useSystemDialogs(): boolean | null {
  const [known, setKnown] = useState(systemDialogs);
  useEffect(() => {
    const l = () => setKnown(systemDialogs);
    dialogListeners.add(l);
    return () => {
      dialogListeners.delete(l);
    };
  }, []);
  return known;
}

/** main said a shell feature is not there (preview, print): the screen no longer offers them. */
export function learnNoSystemDialogs(): void {
  systemDialogs = false;
  for (const l of dialogListeners) l();
}

interface PathFieldProps {
  kind: 'pdf' | 'folder';
  value: string;
  onChange(path: string): void;
  chooseLabel: string;
  typedLabel: string;
  typedHint: string;
  disabled?: boolean;
  testId: string;
}

/**
 * "Choose…" opens the system's dialog (pack:choosePath); where main has none
 * (available false, as in the end-to-end tests), a text field for the path
 * shows instead and takes the focus.
 */
export function PathField(props: PathFieldProps) {
  const t = useT();
  const id = useId();
  const { typing, input, choose } = usePathChoice(async () => {
    const answer = await client.packs.choosePath(props.kind);
    systemDialogs = answer.available;
    for (const l of dialogListeners) l();
    return answer;
  }, props.onChange);
  return (
    <div className="mt-pathfield" data-testid={props.testId}>
      <div className="mt-pathfield__row">
        <button type="button" className="button" data-testid={`${props.testId}-choose`} disabled={props.disabled} onClick={() => void choose()}>
          {props.chooseLabel}
        </button>
        {!typing ? (
          <span className="mt-pathfield__chosen" data-testid={`${props.testId}-chosen`}>
            <span className="visually-hidden">{t('meetings.path.chosen')}: </span>
            {props.value === '' ? <span className="hint">{t('meetings.path.none')}</span> : <PathText path={props.value} />}
          </span>
        ) : null}
      </div>
      {typing ? (
        <div className="mt-pathfield__typed">
          <label className="field__label" htmlFor={`${id}-path`}>
            {props.typedLabel}
          </label>
          <input
            id={`${id}-path`}
            ref={input}
            className="input mt-pathfield__input"
            value={props.value}
            spellCheck={false}
            disabled={props.disabled}
            aria-describedby={`${id}-hint`}
            data-testid={`${props.testId}-input`}
            onChange={(e) => props.onChange(e.target.value)}
          />
          <p className="hint" id={`${id}-hint`}>
            {props.typedHint}
          </p>
        </div>
      ) : null}
    </div>
  );
}
