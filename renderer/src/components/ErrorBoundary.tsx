import { Component, type ErrorInfo, type ReactNode } from 'react';
import { toApiError, type ApiError } from '../api';
import { useT } from '../i18n';
import { ErrorBanner } from './ErrorBanner';

interface Props {
  children: ReactNode;
}

interface State {
  error: ApiError | null;
}

/** Keeps a failing view from taking the whole window down; shows the error banner instead. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(err: unknown): State {
    return { error: toApiError(err) };
  }

  override componentDidCatch(err: unknown, info: ErrorInfo): void {
    console.error('NAP Monitor: a view failed to render', err, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error) return <RenderError error={this.state.error} onRetry={() => this.setState({ error: null })} />;
    return this.props.children;
  }
}

function RenderError({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  const t = useT();
  return (
    <div className="view view--padded">
      <ErrorBanner error={error} message={t('error.render')} onRetry={onRetry} />
    </div>
  );
}
