/** The interface's formats of numbers, won, percentages and dates: one module for the screens and the printed documents (contract/format.ts). */
export * from '../../contract/format';
