/** Placeholder: the dashboard. */
export function DashboardView() {
  return <section data-testid="dashboard-view" />;
}
