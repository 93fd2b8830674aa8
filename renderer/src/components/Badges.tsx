import type { ImplementingBody } from '../../../contract/domain';
import { useLanguage, useT } from '../i18n';
import { bodyName } from '../model/outline';

/** "복원됨" / "Reconstructed": the text is a reconstruction of a damaged source; the note is the tooltip. */
export function ReconstructedBadge({ note }: { note: string | null }) {
  const t = useT();
  const title = note ?? t('badge.reconstructedTitle');
  return (
    <span className="badge badge--reconstructed" data-testid="reconstructed-badge" title={title}>
      {t('badge.reconstructed')}
    </span>
  );
}

/** An implementing body's code as a chip, its full name as the tooltip. */
export function BodyChip({ code, body }: { code: string; body: ImplementingBody | undefined }) {
  const language = useLanguage();
  const t = useT();
  const name = body ? bodyName(language, body) : code;
  return (
    <span
      className={body?.isLead ? 'chip chip--lead' : 'chip'}
      data-testid="body-chip"
      title={body?.isLead ? `${name} (${t('detail.leadBody')})` : name}
    >
      {code}
    </span>
  );
}
