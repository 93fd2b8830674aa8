/**
 * Reading SQLite's files as bytes, before SQLite touches them: the database
 * header (https://www.sqlite.org/fileformat2.html#the_database_header) and a
 * -wal file's header and frames (#walformat). Opening a file through SQLite,
 * even read-only, creates its -wal and -shm and rewrites the -shm; these
 * readers only read.
 */
import fs from 'node:fs';

export const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

export interface DbHeader {
  /** The 16-byte magic string is SQLite's. */
  magicOk: boolean;
  pageSize: number;
  writeVersion: number;
  readVersion: number;
  changeCounter: number;
  pageCount: number;
  userVersion: number;
  applicationId: number;
  /** Bytes 21–23: always 64, 32, 32. */
  payloadFractions: [number, number, number];
  /** Bytes 44–47: 1 to 4. */
  schemaFormat: number;
  /** Bytes 56–59: 1 (UTF-8), 2 or 3 (UTF-16). */
  textEncoding: number;
  /** Bytes 72–91, reserved for expansion: zero. */
  reservedZero: boolean;
}

/** The first 100 bytes of a database file, decoded (null when the file is shorter). */
export function readDbHeader(file: string): DbHeader | null {
  const buf = readStart(file, 100);
  if (buf.length < 100) return null;
  const raw = buf.readUInt16BE(16);
  return {
    magicOk: buf.subarray(0, 16).equals(SQLITE_MAGIC),
    pageSize: raw === 1 ? 65536 : raw,
    writeVersion: buf[18]!,
    readVersion: buf[19]!,
    changeCounter: buf.readUInt32BE(24),
    pageCount: buf.readUInt32BE(28),
    userVersion: buf.readInt32BE(60),
    applicationId: buf.readInt32BE(68),
    payloadFractions: [buf[21]!, buf[22]!, buf[23]!],
    schemaFormat: buf.readUInt32BE(44),
    textEncoding: buf.readUInt32BE(56),
    reservedZero: buf.subarray(72, 92).every((b) => b === 0),
  };
}

export function validPageSize(n: number): boolean {
  return n >= 512 && n <= 65536 && (n & (n - 1)) === 0;
}

export interface WalLineage {
  checkpointSeq: number;
  salt1: number;
  salt2: number;
}

export interface WalInfo extends WalLineage {
  pageSize: number;
  /** Frames up to and including the last valid commit frame: what SQLite would replay. */
  committedFrames: number;
  /** The page numbers those frames write, in order. */
  pages: number[];
}

const WAL_MAGIC_LE = 0x377f0682;
const WAL_MAGIC_BE = 0x377f0683;

/**
 * A -wal file's header and the frames SQLite would replay from it: each
 * frame's salts must equal the header's and its checksum must continue the
 * chain (SQLite's own rule), and only frames up to the last commit count.
 * Null when the file is shorter than a header or its header is not valid (then
 * SQLite ignores the file: it replays nothing).
 */
export function readWal(file: string): WalInfo | null {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch {
    return null;
  }
  if (buf.length < 32) return null;
  const magic = buf.readUInt32BE(0);
  if (magic !== WAL_MAGIC_LE && magic !== WAL_MAGIC_BE) return null;
  const bigEndian = magic === WAL_MAGIC_BE;
  const pageSize = buf.readUInt32BE(8);
  if (buf.readUInt32BE(4) !== 3007000 || !validPageSize(pageSize)) return null;
  let [s0, s1] = checksum(buf, 0, 24, 0, 0, bigEndian);
  if (s0 !== buf.readUInt32BE(24) || s1 !== buf.readUInt32BE(28)) return null;
  const lineage = { checkpointSeq: buf.readUInt32BE(12), salt1: buf.readUInt32BE(16), salt2: buf.readUInt32BE(20) };
  const pages: number[] = [];
  let committed = 0;
  const frameSize = 24 + pageSize;
  for (let off = 32; off + frameSize <= buf.length; off += frameSize) {
    if (buf.readUInt32BE(off + 8) !== lineage.salt1 || buf.readUInt32BE(off + 12) !== lineage.salt2) break;
    [s0, s1] = checksum(buf, off, 8, s0, s1, bigEndian);
    [s0, s1] = checksum(buf, off + 24, pageSize, s0, s1, bigEndian);
    if (s0 !== buf.readUInt32BE(off + 16) || s1 !== buf.readUInt32BE(off + 20)) break;
    pages.push(buf.readUInt32BE(off));
    if (buf.readUInt32BE(off + 4) !== 0) committed = pages.length;
  }
  return { ...lineage, pageSize, committedFrames: committed, pages: pages.slice(0, committed) };
}

/** The image of a committed frame's page (index into WalInfo.pages). */
export function walFramePage(file: string, wal: WalInfo, index: number): Buffer {
  const buf = fs.readFileSync(file);
  const off = 32 + index * (24 + wal.pageSize) + 24;
  return buf.subarray(off, off + wal.pageSize);
}

function checksum(buf: Buffer, off: number, len: number, a: number, b: number, bigEndian: boolean): [number, number] {
  let s0 = a;
  let s1 = b;
  for (let i = off; i < off + len; i += 8) {
    const x0 = bigEndian ? buf.readUInt32BE(i) : buf.readUInt32LE(i);
    const x1 = bigEndian ? buf.readUInt32BE(i + 4) : buf.readUInt32LE(i + 4);
    s0 = (s0 + x0 + s1) >>> 0;
    s1 = (s1 + x1 + s0) >>> 0;
  }
  return [s0, s1];
}

function readStart(file: string, n: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const got = fs.readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } finally {
    fs.closeSync(fd);
  }
}
