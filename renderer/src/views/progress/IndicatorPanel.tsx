/**
 * Beside the entry form, for MOGEF's installation: the action plan's
 * indicators (from the loaded entry: name, kind, unit, baseline, this
 * period's target) and the form that defines a new one, with a target per
 * reporting period of the plan. Once main has it, the entry is loaded again:
 * the indicator shows in the list, and in every body's entry form.
 */
import { useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ReportingPeriod } from '../../../../contract/domain';
import type { IndicatorKind, IndicatorReport, ProgressEntry } from '../../../../contract/progress';
import { client, toApiError, type ApiError } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Panel } from '../../components/progress/AsidePanel';
import { errorKey, otherLanguage, useLanguage, useT, type Translate } from '../../i18n';
import { useConfirm } from '../../components/progress/ConfirmDialog';
import { CharCounter } from '../../components/progress/TextLimit';
import { FieldError } from '../../components/progress/FieldError';
import { useAlert, useAnnounce } from '../../components/LiveRegions';
import { usePlanStore } from '../../stores/plan';
import { loadSubmissions } from '../../stores/progress';
import type { EntrySession } from '../../stores/progress-entry';
import {
  checkDefinition,
  EMPTY_DRAFT,
  INDICATOR_NAME_MAX,
  INDICATOR_KINDS,
  serverProblems,
  targetField,
  visibleProblems,
  type DefinitionDraft,
  type DefinitionField,
  type DefinitionProblem,
  type Problems,
  type YesNo,
} from './indicator-definition';
import { indicatorValueText } from './model';

const NO_PERIODS: readonly ReportingPeriod[] = [];

export function IndicatorPanel({ session, entry }: { session: EntrySession; entry: ProgressEntry }) {
  const t = useT();
  const outlinePeriods = usePlanStore((s) => s.outline?.periods ?? NO_PERIODS);
  const periods = useMemo(() => [...outlinePeriods].sort((a, b) => a.year - b.year), [outlinePeriods]);
  const year = periods.find((p) => p.id === entry.key.periodId)?.year;
  return (
    <Panel title={t('progress.indicatorDef.title')} testId="indicator-panel">
      <IndicatorList indicators={entry.indicators} year={year} />
      <DefinitionForm actionPlanId={entry.key.actionPlanId} periods={periods} onAdded={() => session.load()} />
    </Panel>
  );
}

function IndicatorList({ indicators, year }: { indicators: readonly IndicatorReport[]; year: number | undefined }) {
  const t = useT();
  const language = useLanguage();
  const other = otherLanguage(language);
  if (indicators.length === 0) return <p className="hint">{t('progress.indicatorDef.none')}</p>;
  return (
    <ul className="indicator-defs" aria-label={t('progress.indicatorDef.listLabel')}>
      {indicators.map((i) => {
        const name = language === 'ko' ? i.nameKo : i.nameEn;
        const otherName = language === 'ko' ? i.nameEn : i.nameKo;
        const value = (v: number | null) => indicatorValueText(t, language, i.kind, i.unit, v);
        return (
          <li key={i.indicatorId} className="indicator-def" data-testid={`indicator-def-${i.indicatorId}`}>
            <p className="indicator-def__name" lang={language}>
              {name}
            </p>
            {otherName !== name && (
              <p className="indicator-def__alt" lang={other}>
                {otherName}
              </p>
            )}
            <dl className="indicator-def__facts">
              <div>
                <dt>{t('progress.indicatorDef.kind')}</dt>
                <dd>{t(`progress.indicator.kind.${i.kind}`)}</dd>
              </div>
              {i.unit && (
                <div>
                  <dt>{t('progress.indicatorDef.unit')}</dt>
                  <dd>{i.unit}</dd>
                </div>
              )}
              <div>
                <dt>{t('progress.indicatorDef.baseline')}</dt>
                <dd data-fact="baseline">{value(i.baseline)}</dd>
              </div>
              {year !== undefined && (
                <div>
                  <dt>{t('progress.indicatorDef.targetOf', { year })}</dt>
                  <dd data-fact="target">{value(i.target)}</dd>
                </div>
              )}
            </dl>
          </li>
        );
      })}
    </ul>
  );
}

function problemText(t: Translate, problem: DefinitionProblem): string {
  switch (problem.kind) {
    case 'too_long':
      return t('progress.indicatorDef.problem.too_long', { max: problem.max });
    case 'server':
      return t('progress.indicatorDef.problem.server', { message: t(errorKey(problem.code)) });
    default:
      return t(`progress.indicatorDef.problem.${problem.kind}`);
  }
}

interface FormProps {
  actionPlanId: number;
  /** The plan's reporting periods, by year. */
  periods: readonly ReportingPeriod[];
  /** Loads the entry again (its indicators); awaited before "added" shows. */
  onAdded(): Promise<void>;
}

interface SentReport {
  year: number;
  bodyCode: string;
  status: 'submitted' | 'accepted';
}

/** The reports of the bodies carrying the action plan that are submitted or accepted, in any year of the plan. */
async function sentReports(actionPlanId: number, periods: readonly ReportingPeriod[]): Promise<SentReport[]> {
  const bodies = new Set(usePlanStore.getState().index.get(actionPlanId)?.action.bodyCodes ?? []);
  // The review's list of report states per year (cached, one call per year at most). A year that could not be
  // read is not warned about; the definition itself is checked by main.
  const lists = await loadSubmissions(periods.map((p) => p.id));
  return periods.flatMap((p, i) =>
    (lists[i] ?? []).flatMap((r) =>
      bodies.has(r.bodyCode) && (r.status === 'submitted' || r.status === 'accepted')
        ? [{ year: p.year, bodyCode: r.bodyCode, status: r.status }]
        : [],
    ),
  );
}

function DefinitionForm({ actionPlanId, periods, onAdded }: FormProps) {
  const t = useT();
  const language = useLanguage();
  const id = useId();
  const formRef = useRef<HTMLDivElement>(null);
  const [draft, setDraft] = useState<DefinitionDraft>(EMPTY_DRAFT);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  /** Fields main refused, until they are changed. */
  const [refused, setRefused] = useState<Problems>({});
  /** An error of main that names no field of the form. */
  const [error, setError] = useState<ApiError | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const { ask, dialog } = useConfirm();

  const checked = checkDefinition(draft, actionPlanId, periods);
  const problems: Problems = { ...visibleProblems(checked.problems, tried), ...refused };
  const invalid = Object.keys(problems).length > 0;
  const yesNo = draft.kind === 'yes_no';

  /** A change in the form: the refusal of main about those fields no longer applies. */
  const change = (patch: Partial<DefinitionDraft>, fields: readonly DefinitionField[]) => {
    setDraft((d) => ({ ...d, ...patch }));
    setAdded(null);
    if (fields.some((f) => f in refused)) {
      setRefused((r) => {
        const next = { ...r };
        for (const f of fields) delete next[f];
        return next;
      });
    }
  };

  const focusFirstInvalid = () =>
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());

  const add = async () => {
    if (busy) return;
    setTried(true);
    setAdded(null);
    setError(null);
    setRefused({});
    const { definition, targetPeriods } = checked;
    if (!definition) {
      focusFirstInvalid();
      return;
    }
    setBusy(true);
    // Reports already sent: the new indicator is a required field their bodies cannot fill in now. Say so first.
    const sent = await sentReports(actionPlanId, periods);
    if (sent.length > 0) {
      const confirmed = await ask({
        title: t('progress.confirm.indicatorTitle'),
        body: (
          <>
            <p>{t('progress.confirm.indicator', { count: sent.length })}</p>
            <ul data-testid="indicator-sent-reports">
              {sent.map((r) => (
                <li key={`${r.year}:${r.bodyCode}`}>
                  {t('progress.confirm.indicatorReport', { year: r.year, body: r.bodyCode, status: t(`progress.status.${r.status}`) })}
                </li>
              ))}
            </ul>
          </>
        ),
        confirmLabel: t('progress.indicatorDef.add'),
      });
      if (!confirmed) {
        setBusy(false);
        return;
      }
    }
    try {
      await client.review.defineIndicator(definition);
      setDraft(EMPTY_DRAFT);
      setTried(false);
      setRefused({});
      await onAdded();
      setAdded(language === 'ko' ? definition.nameKo : definition.nameEn);
    } catch (err) {
      const e = toApiError(err);
      const fields = serverProblems(e, definition.kind, targetPeriods, periods);
      if (Object.keys(fields).length > 0) {
        setRefused(fields);
        focusFirstInvalid();
      } else setError(e);
    } finally {
      setBusy(false);
    }
  };

  const field = (name: DefinitionField) => {
    const problem = problems[name];
    return {
      problem: problem ? problemText(t, problem) : null,
      errorId: `${id}-${name}-error`,
      testId: `field-error-indicator-${name}`,
    };
  };
  const invalidProps = (name: DefinitionField) =>
    problems[name] ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${name}-error` } : {};

  // The summary and the result are said in the mounted regions (a region inserted with its text is not read).
  useAlert(tried && invalid && !busy ? t('progress.indicatorDef.fix') : null);
  useAnnounce(added ? t('progress.indicatorDef.added', { name: added }) : null);

  const targetProblems = periods.flatMap((p) => {
    const name = targetField(p.year);
    const problem = problems[name];
    return problem ? [{ year: p.year, name, text: problemText(t, problem) }] : [];
  });

  return (
    <div className="aside-form indicator-form" ref={formRef} data-testid="indicator-form">
      {dialog}
      <h5 className="indicator-form__title">{t('progress.indicatorDef.addTitle')}</h5>
      <p className="hint">{t('progress.indicatorDef.addHint')}</p>

      <DefField id={`${id}-nameKo`} label={t('progress.indicatorDef.nameKo')} required {...field('nameKo')}>
        <input
          id={`${id}-nameKo`}
          className="input"
          data-testid="indicator-name-ko"
          lang="ko"
          autoComplete="off"
          value={draft.nameKo}
          aria-required="true"
          {...invalidProps('nameKo')}
          onChange={(e) => change({ nameKo: e.target.value }, ['nameKo'])}
        />
        <CharCounter text={draft.nameKo} max={INDICATOR_NAME_MAX} testId="indicator-name-ko-count" />
      </DefField>
      <DefField id={`${id}-nameEn`} label={t('progress.indicatorDef.nameEn')} required {...field('nameEn')}>
        <input
          id={`${id}-nameEn`}
          className="input"
          data-testid="indicator-name-en"
          lang="en"
          autoComplete="off"
          value={draft.nameEn}
          aria-required="true"
          {...invalidProps('nameEn')}
          onChange={(e) => change({ nameEn: e.target.value }, ['nameEn'])}
        />
        <CharCounter text={draft.nameEn} max={INDICATOR_NAME_MAX} testId="indicator-name-en-count" />
      </DefField>

      <div className="indicator-form__row">
        <DefField id={`${id}-kind`} label={t('progress.indicatorDef.kind')} {...field('kind')}>
          <select
            id={`${id}-kind`}
            className="input"
            data-testid="indicator-kind"
            value={draft.kind}
            {...invalidProps('kind')}
            onChange={(e) =>
              change({ kind: e.target.value as IndicatorKind }, ['kind', 'baseline', ...periods.map((p) => targetField(p.year))])
            }
          >
            {INDICATOR_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`progress.indicator.kind.${k}`)}
              </option>
            ))}
          </select>
        </DefField>
        <DefField id={`${id}-unit`} label={t('progress.indicatorDef.unit')} {...field('unit')}>
          <input
            id={`${id}-unit`}
            className="input"
            data-testid="indicator-unit"
            autoComplete="off"
            placeholder={draft.kind === 'percent' ? '%' : t('progress.indicatorDef.unitHint')}
            value={draft.unit}
            {...invalidProps('unit')}
            onChange={(e) => change({ unit: e.target.value }, ['unit'])}
          />
        </DefField>
      </div>

      <DefField id={`${id}-baseline`} label={t('progress.indicatorDef.baselineOptional')} {...field('baseline')}>
        {yesNo ? (
          <YesNoSelect
            id={`${id}-baseline`}
            testId="indicator-baseline"
            value={draft.baselineYesNo}
            extra={invalidProps('baseline')}
            onChange={(v) => change({ baselineYesNo: v }, ['baseline'])}
          />
        ) : (
          <NumberInput
            id={`${id}-baseline`}
            testId="indicator-baseline"
            value={draft.baseline}
            percent={draft.kind === 'percent'}
            extra={invalidProps('baseline')}
            onChange={(v) => change({ baseline: v }, ['baseline'])}
          />
        )}
      </DefField>

      <fieldset className="indicator-form__targets">
        <legend className="pg-field__label">{t('progress.indicatorDef.targets')}</legend>
        {periods.length === 0 ? (
          <p className="hint">{t('progress.indicatorDef.noPeriods')}</p>
        ) : (
          <div className="indicator-form__target-grid">
            {periods.map((p) => {
              const name = targetField(p.year);
              const inputId = `${id}-${name}`;
              return (
                <div key={p.id} className="indicator-form__target" data-invalid={problems[name] ? 'true' : undefined}>
                  <label className="indicator-form__year" htmlFor={inputId}>
                    {t('progress.indicatorDef.targetYear', { year: p.year })}
                  </label>
                  {yesNo ? (
                    <YesNoSelect
                      id={inputId}
                      testId={`indicator-target-${p.year}`}
                      value={draft.targetsYesNo[p.id] ?? ''}
                      extra={invalidProps(name)}
                      onChange={(v) => change({ targetsYesNo: { ...draft.targetsYesNo, [p.id]: v } }, [name])}
                    />
                  ) : (
                    <NumberInput
                      id={inputId}
                      testId={`indicator-target-${p.year}`}
                      value={draft.targets[p.id] ?? ''}
                      percent={draft.kind === 'percent'}
                      extra={invalidProps(name)}
                      onChange={(v) => change({ targets: { ...draft.targets, [p.id]: v } }, [name])}
                    />
                  )}
                </div>
              );
            })}
          </div>
        )}
        {targetProblems.map((p) => (
          <FieldError
            key={p.name}
            id={`${id}-${p.name}-error`}
            testId={`field-error-indicator-${p.name}`}
            text={`${t('progress.indicatorDef.targetYear', { year: p.year })}: ${p.text}`}
          />
        ))}
      </fieldset>

      {tried && invalid && !busy && (
        <p className="pg-field__error indicator-form__summary" data-testid="indicator-form-problems">
          {t('progress.indicatorDef.fix')}
        </p>
      )}
      {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      <div className="aside-form__actions">
        <button type="button" className="button" data-testid="indicator-add" disabled={busy} onClick={() => void add()}>
          {busy ? t('progress.indicatorDef.adding') : t('progress.indicatorDef.add')}
        </button>
        {added && (
          <span className="pg-ok" data-testid="indicator-added">
            {t('progress.indicatorDef.added', { name: added })}
          </span>
        )}
      </div>
    </div>
  );
}

interface DefFieldProps {
  id: string;
  label: string;
  required?: boolean;
  problem: string | null;
  errorId: string;
  testId: string;
  children: ReactNode;
}

/** Label, the input, and its error (the input keeps what was typed). */
function DefField({ id, label, required, problem, errorId, testId, children }: DefFieldProps) {
  const t = useT();
  return (
    <div className="pg-field indicator-form__field" data-invalid={problem ? 'true' : undefined}>
      <label className="pg-field__label" htmlFor={id}>
        {label}
        {required && (
          <span className="pg-required" title={t('progress.required')}>
            <span aria-hidden="true">*</span>
            <span className="visually-hidden">({t('progress.required')})</span>
          </span>
        )}
      </label>
      {children}
      {problem && <FieldError id={errorId} testId={testId} text={problem} />}
    </div>
  );
}

type InvalidProps = { 'aria-invalid'?: true; 'aria-describedby'?: string };

function NumberInput({
  id,
  testId,
  value,
  percent,
  extra,
  onChange,
}: {
  id: string;
  testId: string;
  value: string;
  percent: boolean;
  extra: InvalidProps;
  onChange(value: string): void;
}) {
  return (
    <span className="pg-input-unit">
      <input
        id={id}
        className="input pg-number indicator-form__number"
        data-testid={testId}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        value={value}
        {...extra}
        onChange={(e) => onChange(e.target.value)}
      />
      {percent && <span className="pg-input-unit__unit">%</span>}
    </span>
  );
}

function YesNoSelect({
  id,
  testId,
  value,
  extra,
  onChange,
}: {
  id: string;
  testId: string;
  value: YesNo;
  extra: InvalidProps;
  onChange(value: YesNo): void;
}) {
  const t = useT();
  return (
    <select id={id} className="input" data-testid={testId} value={value} {...extra} onChange={(e) => onChange(e.target.value as YesNo)}>
      <option value="">{t('progress.indicatorDef.blank')}</option>
      <option value="yes">{t('progress.yes')}</option>
      <option value="no">{t('progress.no')}</option>
    </select>
  );
}
