/**
 * A confirmation before a step that cannot simply be taken back (submit,
 * return, accept, removing evidence): a modal alert dialog that says what
 * will happen. Focus goes to the safe choice (cancel), Tab stays inside, Esc
 * cancels, and focus returns to what had it before (the button that asked).
 */
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useT } from '../../i18n';

export interface ConfirmRequest {
  title: string;
  /** What will happen, in a sentence or two; more paragraphs as an array. */
  body: ReactNode;
  confirmLabel: string;
  /** The confirm button looks dangerous (return, remove). */
  danger?: boolean;
}

interface Props extends ConfirmRequest {
  onAnswer(confirmed: boolean): void;
}

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function ConfirmDialog({ title, body, confirmLabel, danger, onAnswer }: Props) {
  const t = useT();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    cancelRef.current?.focus();
    return () => {
      if (dialog?.open) dialog.close();
      // Back to the button that asked (if it is still there), never to <body>.
      if (before?.isConnected) before.focus();
    };
  }, []);

  const trapTab = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key !== 'Tab') return;
    const items = [...(ref.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      data-testid="confirm-dialog"
      onKeyDown={trapTab}
      onCancel={(e) => {
        // Esc: answer "no" and let React remove the dialog.
        e.preventDefault();
        onAnswer(false);
      }}
    >
      <h2 className="confirm-dialog__title" id={`${id}-title`}>
        {title}
      </h2>
      <div className="confirm-dialog__body" id={`${id}-body`}>
        {body}
      </div>
      <div className="confirm-dialog__actions">
        <button type="button" className="button" data-testid="confirm-cancel" ref={cancelRef} onClick={() => onAnswer(false)}>
          {t('progress.confirm.cancel')}
        </button>
        <button
          type="button"
          className={danger ? 'button button--danger' : 'button button--primary'}
          data-testid="confirm-ok"
          onClick={() => onAnswer(true)}
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

/**
 * ask(request) shows the dialog and resolves with the answer; `dialog` is the
 * element to render (null while nothing is asked).
 */
export function useConfirm(): { ask(request: ConfirmRequest): Promise<boolean>; dialog: ReactNode } {
  const [pending, setPending] = useState<{ request: ConfirmRequest; resolve(answer: boolean): void } | null>(null);
  const ask = useCallback(
    (request: ConfirmRequest) =>
      new Promise<boolean>((resolve) => {
        setPending({ request, resolve });
      }),
    [],
  );
  const dialog = pending ? (
    <ConfirmDialog
      {...pending.request}
      onAnswer={(answer) => {
        setPending(null);
        pending.resolve(answer);
      }}
    />
  ) : null;
  return { ask, dialog };
}
