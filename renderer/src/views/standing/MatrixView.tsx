/** Placeholder: the matrices of where the plan stands. */
export function MatrixView() {
  return <section data-testid="matrix-view" />;
}
