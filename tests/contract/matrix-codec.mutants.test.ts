/**
 * The packed matrices as the renderer unpacks them (contract/matrix-codec.ts):
 * every character of a cell and of a year, bodies and periods the answer
 * does not list, a cut-off tail, overrides beside the derived levels, and
 * the order of the bodies. Written for the mutants that survived
 * (docs/mutation-testing.md), as behaviour: what the matrix shows.
 */
import { describe, expect, it } from 'vitest';
import { LEVEL_OF_CHAR, SCALE, bodyIdAt, unpackBodyMatrix, unpackPeriodMatrix } from '../../contract/matrix-codec';
import type { ConsolidatedLevel, PackedBodyMatrix, PackedPeriodMatrix } from '../../contract/progress';

const ch = (id: number) => String.fromCharCode(64 + id);
const columns = (actionPlanId: number) => ({
  actionPlanId,
  code: `1.1.${actionPlanId}`,
  textEn: `Action ${actionPlanId}`,
  areaSeq: 1,
  objectiveNumber: 1,
  strategyCode: '1.1',
});
const consolidated: ConsolidatedLevel = { derived: 'limited', override: null, effective: 'limited', reported: 1, expected: 3 };

describe('the body matrix', () => {
  const bodies: PackedBodyMatrix['bodies'] = [
    { id: 1, code: 'MOGEF', status: 'submitted' },
    { id: 3, code: 'MOFA', status: 'returned' },
    { id: 6, code: 'MND', status: 'draft' },
  ];

  it('reads each cell: level, delay (delayed, on schedule, not said) and the body\u2019s report status', () => {
    const packed: PackedBodyMatrix = {
      periodId: 2,
      bodies,
      rows: [{ ...columns(1), cells: `${ch(1)}3o${ch(3)}nd${ch(6)}--`, consolidated }],
    };
    expect(unpackBodyMatrix(packed)).toEqual({
      periodId: 2,
      rows: [
        {
          ...columns(1),
          consolidated,
          cells: {
            MOGEF: { completion: 'completed', delayed: false, status: 'submitted' },
            MOFA: { completion: 'no_evidence', delayed: true, status: 'returned' },
            MND: { completion: null, delayed: null, status: 'draft' },
          },
        },
      ],
    });
  });

  it('skips a body the answer does not list, and a cut-off last cell', () => {
    const packed: PackedBodyMatrix = {
      periodId: 2,
      bodies,
      // body 9 is not listed; the tail "F1" lacks its delay character.
      rows: [{ ...columns(1), cells: `${ch(9)}2d${ch(3)}0o${ch(6)}1`, consolidated }],
    };
    expect(unpackBodyMatrix(packed).rows[0]!.cells).toEqual({ MOFA: { completion: 'not_started', delayed: false, status: 'returned' } });
  });

  it('reads a row with a single complete cell (exactly three characters)', () => {
    const packed: PackedBodyMatrix = { periodId: 2, bodies, rows: [{ ...columns(1), cells: `${ch(6)}1d`, consolidated }] };
    expect(unpackBodyMatrix(packed).rows[0]!.cells).toEqual({ MND: { completion: 'limited', delayed: true, status: 'draft' } });
  });

  it('an unknown level character is no level', () => {
    const packed: PackedBodyMatrix = { periodId: 2, bodies, rows: [{ ...columns(1), cells: `${ch(1)}?o`, consolidated }] };
    expect(unpackBodyMatrix(packed).rows[0]!.cells.MOGEF!.completion).toBeNull();
  });
});

describe('the period matrix', () => {
  const base = (rows: PackedPeriodMatrix['rows'], overrides: PackedPeriodMatrix['overrides'] = []): PackedPeriodMatrix => ({
    planId: 1,
    periodIds: [1, 2, 3],
    bodies: [
      { id: 1, code: 'MOGEF' },
      { id: 3, code: 'MOFA' },
      { id: 6, code: 'MND' },
    ],
    rows,
    overrides,
  });

  it('reads each year\u2019s level and delayed flag; years without a level are null and not delayed', () => {
    const [row] = unpackPeriodMatrix(base([{ ...columns(1), bodies: ch(3), years: `${ch(1)}2d${ch(3)}3-` }]));
    expect(row!.levels).toEqual({ 1: 'substantial', 2: null, 3: 'completed' });
    expect(row!.delayed).toEqual({ 1: true });
  });

  it('a year with only a delay is delayed with no level; an unknown period and a cut-off tail are skipped', () => {
    const [row] = unpackPeriodMatrix(base([{ ...columns(1), bodies: '', years: `${ch(2)}-d${ch(8)}1d${ch(3)}0` }]));
    expect(row!.levels).toEqual({ 1: null, 2: null, 3: null });
    expect(row!.delayed).toEqual({ 2: true });
    expect(Object.keys(row!.delayed)).not.toContain('8');
  });

  it('MOGEF\u2019s override takes precedence over the derived level, for its own action plan and a known period only', () => {
    const rows = unpackPeriodMatrix(
      base(
        [
          { ...columns(1), bodies: ch(1), years: `${ch(1)}0-${ch(2)}1-` },
          { ...columns(2), bodies: ch(1), years: `${ch(1)}0-` },
        ],
        [
          { actionPlanId: 1, periodId: 2, completion: 'completed' },
          { actionPlanId: 1, periodId: 3, completion: 'no_evidence' },
          { actionPlanId: 1, periodId: 9, completion: 'limited' },
        ],
      ),
    );
    expect(rows[0]!.levels).toEqual({ 1: 'not_started', 2: 'completed', 3: 'no_evidence' });
    expect(rows[0]!.delayed).toEqual({});
    expect(rows[1]!.levels).toEqual({ 1: 'not_started', 2: null, 3: null });
  });

  it('two overrides of one action plan both apply', () => {
    const [row] = unpackPeriodMatrix(
      base(
        [{ ...columns(1), bodies: '', years: '' }],
        [
          { actionPlanId: 1, periodId: 1, completion: 'limited' },
          { actionPlanId: 1, periodId: 3, completion: 'substantial' },
        ],
      ),
    );
    expect(row!.levels).toEqual({ 1: 'limited', 2: null, 3: 'substantial' });
  });

  it('names the bodies in the plan\u2019s order whatever order they travel in, and skips unknown ones', () => {
    const [row] = unpackPeriodMatrix(base([{ ...columns(1), bodies: `${ch(6)}${ch(9)}${ch(1)}${ch(3)}`, years: '' }]));
    expect(row!.bodyCodes).toEqual(['MOGEF', 'MOFA', 'MND']);
    const [one] = unpackPeriodMatrix(base([{ ...columns(1), bodies: ch(3), years: '' }]));
    expect(one!.bodyCodes).toEqual(['MOFA']);
    const [none] = unpackPeriodMatrix(base([{ ...columns(1), bodies: '', years: '' }]));
    expect(none!.bodyCodes).toEqual([]);
  });

  it('orders by the plan\u2019s position, not by id nor as text (positions 10 and more)', () => {
    const bodies = Array.from({ length: 12 }, (_, i) => ({ id: 20 - i, code: `B${i}` }));
    const packed: PackedPeriodMatrix = {
      planId: 1,
      periodIds: [],
      bodies,
      rows: [{ ...columns(1), bodies: [20, 9, 15, 10].map(ch).join(''), years: '' }],
      overrides: [],
    };
    // ids 20, 15, 10, 9 are positions 0, 5, 10, 11.
    expect(unpackPeriodMatrix(packed)[0]!.bodyCodes).toEqual(['B0', 'B5', 'B10', 'B11']);
  });

  it('keeps the action plan\u2019s columns as they came', () => {
    const [row] = unpackPeriodMatrix(base([{ ...columns(7), bodies: '', years: '' }]));
    expect(row).toMatchObject(columns(7));
  });
});

describe('the characters', () => {
  it('a level character is its rank on the scale', () => {
    SCALE.forEach((level, rank) => expect(LEVEL_OF_CHAR[String(rank)]).toBe(level));
    expect(LEVEL_OF_CHAR.n).toBe('no_evidence');
    expect(LEVEL_OF_CHAR['-']).toBeNull();
    expect(bodyIdAt(`x${ch(42)}`, 1)).toBe(42);
  });
});
