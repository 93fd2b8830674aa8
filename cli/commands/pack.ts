/**
 * A meeting's pack on the command line, over the same service the
 * application uses (main/packs/service.ts), printed with Chromium
 * (cli/chromium-printer.ts):
 *   pack --meeting UID --out FILE.pdf [--lang ko|en] [--sections cover,contents,…] [--body CODE] [--landscape]
 * Prints where each section starts (section id, page, title) and the page count.
 */
import path from 'node:path';
import { requireInstallation } from '../../db/installation';
import { DomainError } from '../../contract/result';
import { PACK_SECTIONS, PackSection } from '../../contract/meetings';
import { createPackService } from '../../main/packs/service';
import { expectOnly, flag, stringOption, type Parsed } from '../args';
import { dataDirOf, openData } from '../data';
import { Refusal } from '../refusal';
import { createChromiumPrinter } from '../chromium-printer';
import type { Command, Io } from './index';

function sectionsOf(text: string | null): PackSection[] {
  if (text === null) return [...PACK_SECTIONS];
  const out: PackSection[] = [];
  for (const name of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const parsed = PackSection.safeParse(name);
    if (!parsed.success) {
      throw new Refusal(`--sections에 모르는 절이 있습니다: ${name}. 쓸 수 있는 절: ${PACK_SECTIONS.join(',')}`, `--sections names an unknown section: ${name}. Sections: ${PACK_SECTIONS.join(',')}`);
    }
    if (!out.includes(parsed.data)) out.push(parsed.data);
  }
  if (out.length === 0) throw new Refusal('--sections에 절을 하나 이상 적어 주세요.', '--sections needs at least one section.');
  return out;
}

export const packCommand: Command = {
  name: 'pack',
  run: async (parsed: Parsed, io: Io) => {
    expectOnly(parsed, ['meeting', 'out', 'lang', 'sections', 'body', 'landscape']);
    const meetingUid = stringOption(parsed, 'meeting');
    const out = stringOption(parsed, 'out');
    if (meetingUid === null || out === null) throw new Refusal('--meeting 회의 uid와 --out 파일(.pdf)을 적어 주세요.', 'Give --meeting UID and --out FILE.pdf.');
    const lang = stringOption(parsed, 'lang') ?? 'ko';
    if (lang !== 'ko' && lang !== 'en') throw new Refusal(`--lang은 ko 또는 en입니다 (${lang}).`, `--lang is ko or en (not ${lang}).`);
    const sections = sectionsOf(stringOption(parsed, 'sections'));
    const bodyCode = stringOption(parsed, 'body');
    const landscape = flag(parsed, 'landscape');
    const db = openData(dataDirOf(parsed.dataDir), { create: false });
    const chromium = await createChromiumPrinter();
    try {
      const actor = requireInstallation(db);
      const service = createPackService({ getDb: () => db, printer: chromium.printer });
      const started = service.build(
        { options: { meetingUid, sections, bodyCode, language: lang, orientation: landscape ? 'landscape' : 'portrait' }, path: path.resolve(out) },
        actor,
      );
      const job = await service.settled(started.id);
      if (job.state !== 'done' || !job.result) throw new Refusal(job.error?.ko ?? '자료를 만들지 못했습니다.', job.error?.en ?? 'The pack was not built.');
      for (const s of job.result.sections) io.out(`${s.id}\t${s.page}\t${s.title}\n`);
      io.out(`${job.result.pages} pages\t${job.result.bytes} bytes\t${job.result.path}\n`);
    } catch (err) {
      if (err instanceof DomainError) {
        const [ko, en] = err.message.includes(' / ') ? err.message.split(' / ', 2) : [`할 수 없습니다: ${err.message}`, err.message];
        throw new Refusal(ko ?? err.message, en ?? err.message);
      }
      if (err instanceof Error && err.name === 'ZodError') throw new Refusal(`옵션이 맞지 않습니다: ${err.message}`, `The options do not fit: ${err.message}`);
      throw err;
    } finally {
      await chromium.close();
      db.close();
    }
  },
};
