/**
 * A field's error as it is shown beside the field: plain text with an id
 * for the field's aria-describedby, said once through the mounted alert
 * region (LiveRegions) instead of an alert role of its own, so a screen
 * reader reads it once when it appears and again when the field is read.
 */
import { useAlert } from '../LiveRegions';

interface FieldErrorProps {
  /** The id the field's aria-describedby names. */
  id?: string | undefined;
  testId: string;
  text: string;
  className?: string;
}

/** The visible error of one field, said in the alert region when it appears. */
export function FieldError({ id, testId, text, className }: FieldErrorProps) {
  useAlert(text);
  return (
    <p className={`pg-field__error${className ? ` ${className}` : ''}`} id={id} data-testid={testId}>
      {text}
    </p>
  );
}
