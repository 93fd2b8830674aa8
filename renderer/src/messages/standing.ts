/** Interface strings of the matrix and dashboard views (where the plan stands). */
export const standingKo = {
  'standing.matrix': '매트릭스',
  'standing.dashboard': '대시보드',
} as const;

export const standingEn: { [K in keyof typeof standingKo]: string } = {
  'standing.matrix': 'Matrix',
  'standing.dashboard': 'Dashboard',
};
