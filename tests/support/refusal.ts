import { DomainError } from '../../contract/result';

/** The DomainError that f throws; fails the test if f returns, and rethrows any other error. */
export function refusal(f: () => unknown): DomainError {
  try {
    f();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('not refused');
}
