/**
 * Every interface string, in Korean and English. `ko` defines the keys; `en`
 * is typed with exactly those keys, so a missing or extra key fails to compile.
 * Placeholders are written {name} and filled from t()'s params.
 *
 * A message that depends on a number is written as plural forms,
 * `{ one: '{count} body reported', other: '{count} bodies reported' }`, and
 * t() picks the form for its `count` param by Intl.PluralRules (Korean has
 * one form, so its messages stay plain strings). `{count}` is shown with the
 * language's digit grouping; other numbers are shown as given, so a year
 * stays "2022". Format numbers, won and dates with format.ts before passing
 * them.
 */
import { useCallback } from 'react';
import type { Language } from '../../contract/domain';
import type { ClientErrorCode } from './api';
import { formatNumber, plural, type Message } from './format';
import { useSettingsStore } from './stores/settings';
import { progressEn, progressKo } from './messages/progress';
import { standingEn, standingKo } from './messages/standing';
import { backupEn, backupKo } from './messages/backup';
import { exchangeEn, exchangeKo } from './messages/exchange';
import { meetingsEn, meetingsKo } from './messages/meetings';

const baseKo = {
  'app.name': 'NAP 모니터',
  'app.skipToContent': '본문으로 건너뛰기',
  'app.loading': '불러오는 중…',
  'lang.group': '화면 언어',
  'nav.label': '주 메뉴',
  'nav.plan': '계획',
  'nav.progress': '이행 점검',
  'nav.exchange': '엑셀 교환',
  'nav.meetings': '점검 회의',
  'nav.settings': '설정',
  'plan.years': '{start}–{end}',
  'plan.none': '데이터베이스에 계획이 없습니다.',
  'plan.loading': '계획을 불러오는 중…',
  'plan.toolbar': '행동계획 검색 및 필터',
  'plan.searchLabel': '검색',
  'plan.searchPlaceholder': '코드, 내용, 기관 검색 (Ctrl+F 또는 /)',
  'plan.bodyFilterLabel': '이행 기관',
  'plan.allBodies': '전체 기관',
  'plan.resultCount': '{count}개 중 {shown}개 행동계획',
  'plan.searching': '검색 중…',
  'plan.clearFilters': '필터 지우기',
  'plan.empty': '조건에 맞는 행동계획이 없습니다.',
  'plan.emptyHint': '다른 검색어를 입력하거나 기관 필터를 바꾸어 보세요.',
  'plan.outlineLabel': '계획 개요',
  'plan.outlineHint': '위/아래 화살표로 행동계획 사이를 이동하고 Enter로 선택합니다.',
  'plan.count.areas': '영역 {count}',
  'plan.count.objectives': '목표 {count}',
  'plan.count.strategies': '전략 {count}',
  'plan.count.actionPlans': '행동계획 {count}',
  'plan.count.bodies': '이행 기관 {count}',
  'outline.area': '영역 {seq}',
  'outline.objective': '목표 {number}',
  'outline.strategy': '전략 {code}',
  'outline.actionPlan': '행동계획 {code}',
  'badge.reconstructed': '복원됨',
  'badge.reconstructedTitle': '원문이 손상되어 복원한 내용입니다.',
  'badge.nameKoReconstructed': '한국어 명칭 복원됨',
  'badge.nameKoReconstructedTitle': '원문에 한국어 명칭이 없어 복원한 명칭입니다.',
  'badge.lead': '주관',
  'detail.label': '행동계획 상세',
  'detail.none': '개요에서 행동계획을 선택하면 상세 내용이 여기에 표시됩니다.',
  'detail.heading': '행동계획 {code}',
  'detail.text': '내용',
  'detail.englishOnly': '국문 본문이 아직 없어 영문으로 표시합니다.',
  'detail.context': '계획 내 위치',
  'detail.strategy': '전략',
  'detail.objective': '목표',
  'detail.area': '영역',
  'detail.bodies': '이행 기관',
  'detail.leadBody': '주관 기관',
  'detail.notes': '복원 메모',
  'detail.noteBodies': '행동계획 {code}의 이행 기관',
  'placeholder.later': '이후 버전에서 제공될 예정입니다.',
  'placeholder.progress': '각 기관이 연도별 이행 실적을 입력하고, 여성가족부가 이를 점검합니다.',
  'placeholder.exchange': '엑셀 서식으로 기관별 이행 실적을 내보내고 다시 가져옵니다.',
  'settings.title': '설정',
  'settings.language': '화면 언어',
  'settings.languageHint': '선택한 언어는 이 컴퓨터의 데이터베이스에 저장되어 다음 실행 때도 유지됩니다.',
  'settings.appInfo': '프로그램 정보',
  'settings.version': '버전',
  'settings.dataDir': '데이터 폴더',
  'settings.databaseFile': '데이터베이스 파일',
  'settings.schemaVersion': '스키마 버전',
  'error.title': '오류가 발생했습니다',
  'error.detail': '세부 정보 (영문)',
  'error.retry': '다시 시도',
  'error.dismiss': '닫기',
  'error.render': '이 화면을 표시하는 중 오류가 발생했습니다.',
  'error.BAD_REQUEST': '요청 형식이 올바르지 않습니다.',
  'error.UNKNOWN_CHANNEL': '존재하지 않는 기능을 요청했습니다.',
  'error.FORBIDDEN': '이 작업을 할 권한이 없습니다.',
  'error.NOT_FOUND': '요청한 항목을 찾을 수 없습니다.',
  'error.CONFLICT': '다른 변경과 충돌하여 저장하지 못했습니다.',
  'error.INTERNAL': '프로그램 내부 오류가 발생했습니다.',
  'error.UNAVAILABLE': '지금은 저장할 수 없습니다. 아무것도 바뀌지 않았고, 입력한 내용은 화면에 그대로 있습니다. 원인이 없어지면 다시 저장합니다.',
  'error.NO_API': '프로그램의 데이터 처리 부분에 연결할 수 없습니다.',
  'error.TRANSPORT': '프로그램 내부 통신에 실패했습니다.',
} as const;

const ko = { ...baseKo, ...progressKo, ...standingKo, ...backupKo, ...exchangeKo, ...meetingsKo } as const;

export type MessageKey = keyof typeof ko;

const baseEn: { [K in keyof typeof baseKo]: Message } = {
  'app.name': 'NAP Monitor',
  'app.skipToContent': 'Skip to content',
  'app.loading': 'Loading…',
  'lang.group': 'Interface language',
  'nav.label': 'Main navigation',
  'nav.plan': 'Plan',
  'nav.progress': 'Progress',
  'nav.exchange': 'Exchange',
  'nav.meetings': 'Meetings',
  'nav.settings': 'Settings',
  'plan.years': '{start}–{end}',
  'plan.none': 'There is no plan in the database.',
  'plan.loading': 'Loading the plan…',
  'plan.toolbar': 'Search and filter action plans',
  'plan.searchLabel': 'Search',
  'plan.searchPlaceholder': 'Search codes, text, bodies (Ctrl+F or /)',
  'plan.bodyFilterLabel': 'Implementing body',
  'plan.allBodies': 'All bodies',
  'plan.resultCount': { one: '{shown} of {count} action plan', other: '{shown} of {count} action plans' },
  'plan.searching': 'Searching…',
  'plan.clearFilters': 'Clear filters',
  'plan.empty': 'No action plan matches.',
  'plan.emptyHint': 'Try other words or another implementing body.',
  'plan.outlineLabel': 'Plan outline',
  'plan.outlineHint': 'Use the Up and Down arrows to move between action plans and Enter to select one.',
  'plan.count.areas': { one: '{count} area', other: '{count} areas' },
  'plan.count.objectives': { one: '{count} objective', other: '{count} objectives' },
  'plan.count.strategies': { one: '{count} strategy', other: '{count} strategies' },
  'plan.count.actionPlans': { one: '{count} action plan', other: '{count} action plans' },
  'plan.count.bodies': { one: '{count} body', other: '{count} bodies' },
  'outline.area': 'Area {seq}',
  'outline.objective': 'Objective {number}',
  'outline.strategy': 'Strategy {code}',
  'outline.actionPlan': 'Action plan {code}',
  'badge.reconstructed': 'Reconstructed',
  'badge.reconstructedTitle': 'The source was damaged; this is a reconstruction.',
  'badge.nameKoReconstructed': 'Korean name reconstructed',
  'badge.nameKoReconstructedTitle': 'The source gives no Korean name; this one is a reconstruction.',
  'badge.lead': 'Lead',
  'detail.label': 'Action plan details',
  'detail.none': 'Select an action plan in the outline to see its details here.',
  'detail.heading': 'Action plan {code}',
  'detail.text': 'Text',
  'detail.englishOnly': 'No Korean text yet; shown in English.',
  'detail.context': 'Place in the plan',
  'detail.strategy': 'Strategy',
  'detail.objective': 'Objective',
  'detail.area': 'Area',
  'detail.bodies': 'Implementing bodies',
  'detail.leadBody': 'Lead body',
  'detail.notes': 'Reconstruction notes',
  'detail.noteBodies': 'Implementing bodies of action plan {code}',
  'placeholder.later': 'Coming in a later version.',
  'placeholder.progress': 'Each body enters its yearly progress on its action plans, and MOGEF reviews it.',
  'placeholder.exchange': 'Export progress forms to ministries as Excel workbooks and import them back.',
  'settings.title': 'Settings',
  'settings.language': 'Interface language',
  'settings.languageHint': "The choice is remembered in this computer's database and kept on the next start.",
  'settings.appInfo': 'About this application',
  'settings.version': 'Version',
  'settings.dataDir': 'Data folder',
  'settings.databaseFile': 'Database file',
  'settings.schemaVersion': 'Schema version',
  'error.title': 'Something went wrong',
  'error.detail': 'Details',
  'error.retry': 'Try again',
  'error.dismiss': 'Dismiss',
  'error.render': 'This screen could not be displayed.',
  'error.BAD_REQUEST': 'The request was not valid.',
  'error.UNKNOWN_CHANNEL': 'The application asked for a function that does not exist.',
  'error.FORBIDDEN': 'This action is not allowed.',
  'error.NOT_FOUND': 'The requested item was not found.',
  'error.CONFLICT': 'The change conflicts with another change and was not saved.',
  'error.INTERNAL': 'An internal error occurred.',
  'error.UNAVAILABLE': 'This cannot be saved right now. Nothing was changed and what you typed stays on screen; it is saved again once the cause is gone.',
  'error.NO_API': "The application's data service is not available.",
  'error.TRANSPORT': 'Communication inside the application failed.',
};

const en: { [K in MessageKey]: Message } = { ...baseEn, ...progressEn, ...standingEn, ...backupEn, ...exchangeEn, ...meetingsEn };

const dictionaries: Record<Language, { [K in MessageKey]: Message }> = { ko, en };

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export function translate(language: Language, key: MessageKey, params?: Params): string {
  const message: Message = dictionaries[language][key] ?? ko[key] ?? key;
  const count = params?.count;
  const text = typeof message === 'string' ? message : plural(language, typeof count === 'number' ? count : Number(count), message);
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in params)) return whole;
    const value = params[name];
    return name === 'count' && typeof value === 'number' ? formatNumber(language, value) : String(value);
  });
}

/** The message key for an error code; a code added to the contract later falls back to INTERNAL's. */
export function errorKey(code: ClientErrorCode | string): MessageKey {
  const key = `error.${code}`;
  return key in ko ? (key as MessageKey) : 'error.INTERNAL';
}

/** The current language, from the settings store. */
export function useLanguage(): Language {
  return useSettingsStore((s) => s.language);
}

/** t(key, params) in the current language; re-renders when the language changes. */
export function useT(): Translate {
  const language = useLanguage();
  return useCallback<Translate>((key, params) => translate(language, key, params), [language]);
}

/** The other language, for showing a name in both (e.g. "예방 Prevention"). */
export function otherLanguage(language: Language): Language {
  return language === 'ko' ? 'en' : 'ko';
}
