import { useT, type MessageKey } from '../i18n';
import type { View } from '../stores/settings';

type LaterView = Exclude<View, 'plan' | 'settings' | 'meetings'>;

const DESCRIPTION: Record<LaterView, MessageKey> = {
  progress: 'placeholder.progress',
  exchange: 'placeholder.exchange',
};

/** A view that is not built yet: what it will do, and that it comes later. */
export function Placeholder({ view }: { view: LaterView }) {
  const t = useT();
  return (
    <section className="view view--padded placeholder" data-testid={`${view}-view`} aria-labelledby="placeholder-heading">
      <h2 id="placeholder-heading" className="view__title">
        {t(`nav.${view}`)}
      </h2>
      <p className="placeholder__text">{t(DESCRIPTION[view])}</p>
      <p className="placeholder__later">{t('placeholder.later')}</p>
    </section>
  );
}
