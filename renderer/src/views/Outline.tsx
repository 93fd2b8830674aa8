/**
 * The plan as a tree: areas → objectives → strategies → action plans. Action
 * plans are buttons (Enter/Space select); Up/Down/Home/End move between the
 * visible ones. Only one action plan is in the Tab order at a time (roving
 * tabindex), so Tab goes past the outline to the details in one step.
 */
import { memo, useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { ActionPlan, Area, ImplementingBody, Language, Objective, Strategy } from '../../../contract/domain';
import { BodyChip, ReconstructedBadge } from '../components/Badges';
import { otherLanguage, useLanguage, useT } from '../i18n';
import { areaName, planText } from '../model/outline';

interface OutlineProps {
  areas: readonly Area[];
  bodies: readonly ImplementingBody[];
  selectedActionId: number | null;
  onSelect: (actionId: number) => void;
}

const ACTION_SELECTOR = 'button[data-action-id]';

function moveFocus(event: KeyboardEvent<HTMLElement>) {
  const target = event.target as HTMLElement;
  if (!target.matches(ACTION_SELECTOR)) return;
  const buttons = Array.from(event.currentTarget.querySelectorAll<HTMLButtonElement>(ACTION_SELECTOR));
  const at = buttons.indexOf(target as HTMLButtonElement);
  let next: number;
  switch (event.key) {
    case 'ArrowDown':
      next = Math.min(at + 1, buttons.length - 1);
      break;
    case 'ArrowUp':
      next = Math.max(at - 1, 0);
      break;
    case 'Home':
      next = 0;
      break;
    case 'End':
      next = buttons.length - 1;
      break;
    default:
      return;
  }
  event.preventDefault();
  buttons[next]?.focus();
  buttons[next]?.scrollIntoView({ block: 'nearest' });
}

function visibleActionIds(areas: readonly Area[]): number[] {
  return areas.flatMap((a) => a.objectives.flatMap((o) => o.strategies.flatMap((s) => s.actionPlans.map((ap) => ap.id))));
}

export function Outline({ areas, bodies, selectedActionId, onSelect }: OutlineProps) {
  const t = useT();
  const hintId = useId();
  const bodyByCode = useMemo(() => new Map(bodies.map((b) => [b.code, b])), [bodies]);
  const visible = useMemo(() => visibleActionIds(areas), [areas]);
  // The action plan last focused, else the selected one, else the first is the Tab stop.
  const [focusedId, setFocusedId] = useState<number | null>(null);
  const tabStopId = [focusedId, selectedActionId].find((id) => id !== null && visible.includes(id)) ?? visible[0] ?? null;
  const branch: BranchProps = { bodyByCode, selectedActionId, tabStopId, onSelect, onFocus: setFocusedId };
  return (
    <div className="outline" role="group" onKeyDown={moveFocus} aria-describedby={hintId}>
      <p className="visually-hidden" id={hintId}>
        {t('plan.outlineHint')}
      </p>
      <ol className="outline__areas">
        {areas.map((area) => (
          <AreaSection key={area.id} area={area} {...branch} />
        ))}
      </ol>
    </div>
  );
}

interface BranchProps {
  bodyByCode: ReadonlyMap<string, ImplementingBody>;
  selectedActionId: number | null;
  tabStopId: number | null;
  onSelect: (actionId: number) => void;
  onFocus: (actionId: number) => void;
}

/** An area's name in the interface language, then in the other one, smaller. */
export function AreaName({ area, language }: { area: Area; language: Language }) {
  const t = useT();
  const other = otherLanguage(language);
  return (
    <>
      <span lang={language}>{areaName(language, area)}</span>{' '}
      <span className="secondary" lang={other}>
        {areaName(other, area)}
      </span>
      {area.nameKoReconstructed && (
        <span className="badge badge--quiet" data-testid="name-reconstructed-badge" title={t('badge.nameKoReconstructedTitle')}>
          {t('badge.nameKoReconstructed')}
        </span>
      )}
    </>
  );
}

function AreaSection({ area, ...rest }: BranchProps & { area: Area }) {
  const t = useT();
  const language = useLanguage();
  return (
    <li className="area" data-testid={`area-${area.seq}`}>
      <h2 className="area__title">
        <span className="label">{t('outline.area', { seq: area.seq })}</span> <AreaName area={area} language={language} />
      </h2>
      <ol className="area__objectives">
        {area.objectives.map((objective) => (
          <ObjectiveSection key={objective.id} objective={objective} {...rest} />
        ))}
      </ol>
    </li>
  );
}

function ObjectiveSection({ objective, ...rest }: BranchProps & { objective: Objective }) {
  const t = useT();
  const language = useLanguage();
  const text = planText(language, objective);
  return (
    <li className="objective" data-testid={`objective-${objective.number}`}>
      <h3 className="objective__title">
        <span className="label label--objective">{t('outline.objective', { number: objective.number })}</span>{' '}
        <span lang={text.lang}>{text.text}</span>
        {objective.reconstructed && <ReconstructedBadge note={objective.sourceNote} />}
      </h3>
      <ol className="objective__strategies">
        {objective.strategies.map((strategy) => (
          <StrategySection key={strategy.id} strategy={strategy} {...rest} />
        ))}
      </ol>
    </li>
  );
}

function StrategySection({ strategy, bodyByCode, selectedActionId, tabStopId, onSelect, onFocus }: BranchProps & { strategy: Strategy }) {
  const language = useLanguage();
  const text = planText(language, strategy);
  return (
    <li className="strategy" data-testid={`strategy-${strategy.code}`}>
      <h4 className="strategy__title">
        <span className="code">{strategy.code}</span> <span lang={text.lang}>{text.text}</span>
        {strategy.reconstructed && <ReconstructedBadge note={strategy.sourceNote} />}
      </h4>
      <ul className="strategy__actions">
        {strategy.actionPlans.map((action) => (
          <li key={action.id}>
            <ActionPlanItem
              action={action}
              language={language}
              bodyByCode={bodyByCode}
              selected={action.id === selectedActionId}
              tabStop={action.id === tabStopId}
              onSelect={onSelect}
              onFocus={onFocus}
            />
          </li>
        ))}
      </ul>
    </li>
  );
}

interface ActionPlanItemProps {
  action: ActionPlan;
  language: Language;
  bodyByCode: ReadonlyMap<string, ImplementingBody>;
  selected: boolean;
  tabStop: boolean;
  onSelect: (actionId: number) => void;
  onFocus: (actionId: number) => void;
}

/** One action plan of the outline: a button that shows it in the detail panel. */
const ActionPlanItem = memo(function ActionPlanItem({ action, language, bodyByCode, selected, tabStop, onSelect, onFocus }: ActionPlanItemProps) {
  const text = planText(language, action);
  const reconstructed = action.reconstructed || action.bodiesReconstructed;
  return (
    <button
      type="button"
      className={selected ? 'action action--selected' : 'action'}
      data-testid={`action-${action.code}`}
      data-action-id={action.id}
      aria-current={selected ? 'true' : undefined}
      tabIndex={tabStop ? 0 : -1}
      onClick={() => onSelect(action.id)}
      onFocus={() => onFocus(action.id)}
    >
      <span className="action__code code">{action.code}</span>
      <span className="action__main">
        <span className="action__text" lang={text.lang}>
          {text.text}
        </span>
        <span className="action__chips">
          {action.bodyCodes.map((code) => (
            <BodyChip key={code} code={code} body={bodyByCode.get(code)} />
          ))}
          {reconstructed && <ReconstructedBadge note={action.sourceNote} />}
        </span>
      </span>
    </button>
  );
});
