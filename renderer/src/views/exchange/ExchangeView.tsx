/**
 * The Exchange view (엑셀 교환): how MOGEF's coordinators and the bodies'
 * focal points move reports by Excel file. Writing workbooks (MOGEF's
 * requests; a body's report, and MOGEF's own), importing one through its
 * preview, and the history of imports with their undo.
 */
import type { Installation } from '../../../../contract/progress';
import { useT } from '../../i18n';
import { usePlanStore } from '../../stores/plan';
import { ownBodyCode, useProgressStore } from '../../stores/progress';
import { ReportExport, RequestExport } from './ExportPanel';
import { HistoryPanel } from './HistoryPanel';
import { ImportPanel } from './ImportPanel';

export function ExchangeView() {
  const t = useT();
  const installation: Installation | null = useProgressStore((s) => s.installation);
  const setupState = useProgressStore((s) => s.setupState);
  const outline = usePlanStore((s) => s.outline);
  const own = ownBodyCode(installation, outline);

  let content;
  if (setupState === 'loading' || !outline) content = <p className="view-message">{t('exchange.loading')}</p>;
  else if (!installation) content = <p className="view-message">{t('exchange.setupNeeded')}</p>;
  else
    content = (
      <>
        <div className="xv-exports">
          {installation.role === 'coordinator' ? <RequestExport outline={outline} /> : null}
          {own ? <ReportExport outline={outline} bodyCode={own} /> : null}
        </div>
        <ImportPanel outline={outline} installation={installation} />
        <HistoryPanel outline={outline} />
      </>
    );

  return (
    <section className="view view--padded exchange" data-testid="exchange-view" aria-labelledby="exchange-heading">
      <h2 id="exchange-heading" className="view__title">
        {t('exchange.title')}
      </h2>
      <p className="hint xv-intro xv-intro--lead">{t('exchange.intro')}</p>
      {content}
    </section>
  );
}
