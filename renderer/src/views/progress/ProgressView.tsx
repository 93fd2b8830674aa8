/** The Progress view: tabs for the body's own action plans or MOGEF's review, the matrix and the dashboard. */
import { useNavigationStore } from '../../stores/navigation';
import { MatrixView } from '../standing/MatrixView';
import { DashboardView } from '../standing/DashboardView';

export function ProgressView() {
  const tab = useNavigationStore((s) => s.tab);
  return (
    <section data-testid="progress-view">
      {tab === 'matrix' ? <MatrixView /> : tab === 'dashboard' ? <DashboardView /> : null}
    </section>
  );
}
