/** The selected action plan: its text, where it sits in the plan, and who implements it. */
import type { ImplementingBody } from '../../../contract/domain';
import { ReconstructedBadge } from '../components/Badges';
import { useLanguage, useT } from '../i18n';
import { planText, type ActionEntry } from '../model/outline';
import { AreaName } from './Outline';

interface Props {
  entry: ActionEntry;
  bodies: readonly ImplementingBody[];
}

interface Note {
  key: string;
  label: string;
  note: string;
}

export function ActionDetail({ entry, bodies }: Props) {
  const t = useT();
  const language = useLanguage();
  const { action, strategy, objective, area } = entry;
  const text = planText(language, action);
  const strategyText = planText(language, strategy);
  const objectiveText = planText(language, objective);
  const bodyByCode = new Map(bodies.map((b) => [b.code, b]));

  const notes: Note[] = [];
  if (objective.reconstructed)
    notes.push({ key: 'o', label: t('outline.objective', { number: objective.number }), note: objective.sourceNote ?? t('badge.reconstructedTitle') });
  if (strategy.reconstructed)
    notes.push({ key: 's', label: t('outline.strategy', { code: strategy.code }), note: strategy.sourceNote ?? t('badge.reconstructedTitle') });
  if (action.reconstructed || action.bodiesReconstructed)
    notes.push({
      key: 'a',
      label: action.reconstructed ? t('outline.actionPlan', { code: action.code }) : t('detail.noteBodies', { code: action.code }),
      note: action.sourceNote ?? t('badge.reconstructedTitle'),
    });

  return (
    <article className="detail" data-testid="action-detail" aria-labelledby="detail-heading">
      <h2 id="detail-heading" className="detail__heading">
        <span className="label">{t('detail.label')}</span>
        <span className="detail__code code" data-testid="detail-code">
          {action.code}
        </span>
        {(action.reconstructed || action.bodiesReconstructed) && <ReconstructedBadge note={action.sourceNote} />}
      </h2>

      <p className="detail__text" lang={text.lang} data-testid="detail-text">
        {text.text}
      </p>
      {language === 'ko' && text.lang === 'en' && <p className="hint">{t('detail.englishOnly')}</p>}

      <h3 className="detail__section">{t('detail.context')}</h3>
      <dl className="detail__context">
        <dt>{t('detail.strategy')}</dt>
        <dd data-testid="detail-strategy">
          <span className="code">{strategy.code}</span> <span lang={strategyText.lang}>{strategyText.text}</span>
        </dd>
        <dt>{t('detail.objective')}</dt>
        <dd data-testid="detail-objective">
          <span className="code">{t('outline.objective', { number: objective.number })}</span>{' '}
          <span lang={objectiveText.lang}>{objectiveText.text}</span>
        </dd>
        <dt>{t('detail.area')}</dt>
        <dd data-testid="detail-area">
          <span className="code">{t('outline.area', { seq: area.seq })}</span> <AreaName area={area} language={language} />
        </dd>
      </dl>

      <h3 className="detail__section">{t('detail.bodies')}</h3>
      <ul className="detail__bodies" data-testid="detail-bodies">
        {action.bodyCodes.map((code) => (
          <ImplementingBodyItem key={code} code={code} body={bodyByCode.get(code)} />
        ))}
      </ul>

      {notes.length > 0 && (
        <>
          <h3 className="detail__section">{t('detail.notes')}</h3>
          <ul className="detail__notes" data-testid="detail-notes">
            {notes.map((n) => (
              <li key={n.key}>
                <strong>{n.label}</strong>
                <p lang="en">{n.note}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </article>
  );
}

/** A body with its names in both languages; the plan's lead body is marked. */
function ImplementingBodyItem({ code, body }: { code: string; body: ImplementingBody | undefined }) {
  const t = useT();
  const language = useLanguage();
  if (!body)
    return (
      <li className="body">
        <span className="chip">{code}</span>
      </li>
    );
  const [first, second] = language === 'ko' ? [body.nameKo, body.nameEn] : [body.nameEn, body.nameKo];
  return (
    <li className={body.isLead ? 'body body--lead' : 'body'} data-body-code={code}>
      <span className={body.isLead ? 'chip chip--lead' : 'chip'}>{code}</span>
      <span className="body__names">
        <span lang={language}>{first}</span>
        <span className="secondary" lang={language === 'ko' ? 'en' : 'ko'}>
          {second}
        </span>
      </span>
      {body.isLead && (
        <span className="badge badge--lead" data-testid="lead-badge">
          {t('detail.leadBody')}
        </span>
      )}
    </li>
  );
}
