/** A panel of the entry form's side column: a titled section (comments, override, indicators …). */
import { useId, type ReactNode } from 'react';

export function Panel({ title, testId, children }: { title: string; testId?: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="aside-panel" data-testid={testId} aria-labelledby={id}>
      <h4 className="aside-panel__title" id={id}>
        {title}
      </h4>
      {children}
    </section>
  );
}
