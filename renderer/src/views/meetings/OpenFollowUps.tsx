/**
 * The open follow-ups this installation should act on, at the top of the
 * Meetings screen: a body's own; for MOGEF every body's, grouped by body.
 * The same list counts the badge on the Meetings item of the navigation.
 */
import { useId } from 'react';
import type { PlanOutline } from '../../../../contract/domain';
import type { FollowUp } from '../../../../contract/meetings';
import type { Installation } from '../../../../contract/progress';
import { useLanguage, useT } from '../../i18n';
import { useProgressStore } from '../../stores/progress';
import { useMeetingsStore, useOpenFollowUps } from '../../stores/meetings';
import { followUpOwnerOf } from './rules';
import { FollowUpCard } from './Decisions';
import { bodyLabel } from './parts';

/** How many follow-ups this installation should act on (null: not known, e.g. before the set-up). */
export function useOpenFollowUpCount(): number | null {
  const installation = useProgressStore((s) => s.installation);
  const q = useOpenFollowUps(installation ? followUpOwnerOf(installation) : null, installation !== null);
  return installation && q.data ? q.data.length : null;
}

/** Follow-ups grouped by owner body, in the plan's order of bodies (unknown codes last). */
function byBody(outline: PlanOutline, list: readonly FollowUp[]): [string, FollowUp[]][] {
  const order = new Map(outline.bodies.map((b, i) => [b.code, i]));
  const groups = new Map<string, FollowUp[]>();
  for (const f of list) groups.set(f.ownerBody, [...(groups.get(f.ownerBody) ?? []), f]);
  return [...groups.entries()].sort(([a], [b]) => (order.get(a) ?? 999) - (order.get(b) ?? 999) || a.localeCompare(b));
}

export function OpenFollowUps({ outline, installation }: { outline: PlanOutline; installation: Installation }) {
  const t = useT();
  const language = useLanguage();
  const id = useId();
  const owner = followUpOwnerOf(installation);
  const q = useOpenFollowUps(owner);
  const select = useMeetingsStore((s) => s.select);
  const list = q.data ?? [];
  // Before main has meetings (or when it fails), the list says nothing here: the meetings' list shows the error.
  if (q.status !== 'ready') return null;
  const groups = owner === null ? byBody(outline, list) : [[owner, list] as [string, FollowUp[]]];
  return (
    <section className="card mt-open" aria-labelledby={`${id}-heading`} data-testid="open-followups">
      <h3 className="card__title" id={`${id}-heading`} tabIndex={-1} data-testid="open-followups-heading">
        {owner === null ? t('meetings.open.titleAll', { count: list.length }) : t('meetings.open.titleOwn', { count: list.length })}
      </h3>
      {list.length === 0 ? (
        <p className="hint" data-testid="open-followups-none">
          {t('meetings.open.none')}
        </p>
      ) : (
        groups.map(([body, items]) => (
          <div className="mt-open__group" key={body} data-testid="open-followups-group" data-body={body}>
            {owner === null ? <h4 className="mt-subtitle">{t('meetings.open.group', { body: bodyLabel(outline, language, body), count: items.length })}</h4> : null}
            <ul className="mt-open__list">
              {items.map((f) => (
                <li key={f.uid}>
                  <FollowUpCard followUp={f} outline={outline} installation={installation} showMeeting onOpenMeeting={() => select({ kind: 'meeting', uid: f.meetingUid })} />
                </li>
              ))}
            </ul>
          </div>
        ))
      )}
    </section>
  );
}
