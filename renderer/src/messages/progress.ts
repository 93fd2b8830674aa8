/** Interface strings of the Progress views (setup, my action plans, entry form, review). */
export const progressKo = {
  'progress.title': '이행 점검',
} as const;

export const progressEn: { [K in keyof typeof progressKo]: string } = {
  'progress.title': 'Progress',
};
