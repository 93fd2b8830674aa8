/** The workbook's headers and cell codecs (contract/exchange.ts), as people type them. */
import { describe, expect, it } from 'vitest';
import {
  fixedColumnOfHeader,
  headerLabel,
  FIXED_COLUMNS,
  parseEvidenceCell,
  parseLevelCell,
  parseTextCell,
  parseWonCell,
  parseYesNoCell,
} from '../../contract/exchange';

describe('headers', () => {
  it('reads every header as written, in Korean, English or both, any case and spacing, and the older names', () => {
    for (const key of FIXED_COLUMNS) expect(fixedColumnOfHeader(headerLabel(key))).toBe(key);
    expect(fixedColumnOfHeader('행동계획')).toBe('actionPlan');
    expect(fixedColumnOfHeader('  ACTION   plan ')).toBe('actionPlan');
    expect(fixedColumnOfHeader('세부과제\nAction plan')).toBe('actionPlan');
    expect(fixedColumnOfHeader('추진전략')).toBe('strategy');
    expect(fixedColumnOfHeader('이행 수준 (Level)')).toBe('completion');
    expect(fixedColumnOfHeader('실적')).toBeNull();
  });
});

describe('cell codecs', () => {
  it('levels in Korean or English, any case, stray spaces; anything else refused, never guessed', () => {
    expect(parseLevelCell(' 상당 부분 ')).toEqual({ ok: true, value: 'substantial' });
    expect(parseLevelCell('COMPLETED')).toEqual({ ok: true, value: 'completed' });
    expect(parseLevelCell('no evidence available')).toEqual({ ok: true, value: 'no_evidence' });
    expect(parseLevelCell('')).toEqual({ ok: true, value: null });
    expect(parseLevelCell('거의 완료')).toEqual({ ok: false, problem: 'level_unknown' });
  });

  it('amounts as numbers or text with commas, ₩, 원, full-width digits; "1억 2천만원", fractions and negatives refused', () => {
    expect(parseWonCell(12_000_000)).toEqual({ ok: true, value: 12_000_000 });
    expect(parseWonCell('₩12,000,000')).toEqual({ ok: true, value: 12_000_000 });
    expect(parseWonCell('12,000,000원')).toEqual({ ok: true, value: 12_000_000 });
    expect(parseWonCell('１２０００')).toEqual({ ok: true, value: 12_000 });
    expect(parseWonCell('1억 2천만원').ok).toBe(false);
    expect(parseWonCell(2.5).ok).toBe(false);
    expect(parseWonCell(-5).ok).toBe(false);
    expect(parseWonCell('1,2,3').ok).toBe(false);
  });

  it('yes/no, texts with one form of line ends, evidence lines with real dates', () => {
    expect(parseYesNoCell('예')).toEqual({ ok: true, value: true });
    expect(parseYesNoCell(false)).toEqual({ ok: true, value: false });
    expect(parseYesNoCell('maybe').ok).toBe(false);
    expect(parseTextCell('a\r\nb\rc ')).toEqual({ ok: true, value: 'a\nb\nc' });
    expect(parseTextCell('\u3000')).toEqual({ ok: true, value: null });
    expect(parseTextCell('a\uD800').ok).toBe(false);
    expect(parseEvidenceCell('보고서 | 2023-06-30 | 외교부-1\n사진')).toEqual({
      ok: true,
      value: [
        { title: '보고서', docDate: '2023-06-30', reference: '외교부-1' },
        { title: '사진', docDate: null, reference: null },
      ],
    });
    expect(parseEvidenceCell('보고서 | 2023-02-30')).toEqual({ ok: false, problem: 'evidence_date' });
  });
});
