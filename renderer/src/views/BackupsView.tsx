/**
 * Settings → Backups: the list (when, why, size, what each holds), make one
 * now, restore one (confirmed; the current state is backed up first, and the
 * restore can be undone), save a copy into a folder, open a backup file from
 * elsewhere; and where the data lives. Making and restoring run as jobs in
 * main (the online backup copies in steps), followed here until done: the
 * window never waits on them.
 */
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { BackupInfo, BackupJob, BackupList } from '../../../contract/backup';
import { ApiError, client, toApiError } from '../api';
import { errorKey, useLanguage, useT, type MessageKey, type Translate } from '../i18n';
import { formatDateTime, formatDateTimeSeconds, formatNumber } from '../format';
import { fetchQuery, useQuery } from '../stores/query';
import { announce } from '../components/LiveRegions';

const BACKUPS_KEY = 'backups:list';
import { useConfirm } from '../components/progress/ConfirmDialog';
import type { Language } from '../../../contract/domain';

const PROBLEMS = ['missing', 'damaged', 'not_ours', 'too_new', 'mismatch', 'busy', 'restore_failed', 'disk_full'] as const;

export function formatBytes(language: Language, bytes: number): string {
  if (bytes < 1024) return `${formatNumber(language, bytes)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(language, Math.round(bytes / 1024))} KB`;
  return `${formatNumber(language, Math.round((bytes / (1024 * 1024)) * 10) / 10, { maximumFractionDigits: 1 })} MB`;
}

/** What went wrong with a backup, in words: by the hint main gave, else by the code. */
export function problemText(t: Translate, error: { code: string; message: string; hint?: string | undefined; path?: string | undefined }): string {
  const hint = PROBLEMS.find((p) => p === error.hint);
  if (hint) return t(`backup.problem.${hint}` as MessageKey, { path: error.path ?? '' });
  if (error.code === 'INTERNAL') return t('backup.problem.other');
  return t(errorKey(error.code));
}

function problemOf(err: unknown): { code: string; message: string; hint?: string; path?: string } {
  const e = toApiError(err);
  const d = e instanceof ApiError ? e.details[0] : undefined;
  return { code: e.code, message: e.message, ...(d?.hint ? { hint: d.hint } : {}), ...(d?.path ? { path: d.path } : {}) };
}

/** A notice is said again in the language of the moment (the user may switch while it shows). */
type Say = (t: Translate, when: (iso: string) => string, language: Language) => string;
type Notice = { kind: 'ok' | 'error'; say: Say; detail?: string; undo?: BackupInfo };

/** A small modal asking for a path (until main/electron shows the system's own file dialog). */
function PathDialog(props: { title: string; label: string; hint: string; action: string; onAnswer(path: string | null): void }) {
  const t = useT();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const [value, setValue] = useState('');
  useEffect(() => {
    const dialog = ref.current;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
      if (before?.isConnected) before.focus();
    };
  }, []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (value.trim() !== '') props.onAnswer(value.trim());
  };
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={`${id}-title`}
      data-testid="path-dialog"
      onCancel={(e) => {
        e.preventDefault();
        props.onAnswer(null);
      }}
    >
      <form onSubmit={submit}>
        <h2 className="confirm-dialog__title" id={`${id}-title`}>
          {props.title}
        </h2>
        <label className="backups__path-label" htmlFor={`${id}-path`}>
          {props.label}
        </label>
        <input
          id={`${id}-path`}
          className="input backups__path-input"
          value={value}
          autoFocus
          spellCheck={false}
          aria-describedby={`${id}-hint`}
          data-testid="path-input"
          onChange={(e) => setValue(e.target.value)}
        />
        <p className="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
        <div className="confirm-dialog__actions">
          <button type="button" className="button" onClick={() => props.onAnswer(null)}>
            {t('backup.path.cancel')}
          </button>
          <button type="submit" className="button button--primary" data-testid="path-ok" disabled={value.trim() === ''}>
            {props.action}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** Which installation a backup holds, in words. */
function whoOf(t: Translate, b: BackupInfo): string {
  const i = b.installation;
  if (!i) return t('backup.who.none');
  return i.role === 'coordinator' ? t('backup.who.coordinator', { name: i.userName }) : t('backup.who.body', { body: i.bodyCode ?? '', name: i.userName });
}

export function BackupsView() {
  const t = useT();
  const language = useLanguage();
  // The list through the one query cache; a restore (data:changed, every kind) refetches it.
  const listQuery = useQuery(BACKUPS_KEY, () => client.backups.list(), { tags: ['installation'] });
  const list: BackupList | null = listQuery.data;
  /** The job this screen started or followed; undefined until there is one. */
  const [ownJob, setJob] = useState<BackupJob | null | undefined>(undefined);
  const [ownNotice, setNotice] = useState<Notice | null>(null);
  const [asking, setAsking] = useState<{ kind: 'open' } | { kind: 'save'; backup: BackupInfo } | null>(null);
  const { ask, dialog } = useConfirm();
  // To the second: several backups can be made within a minute (before a restore, then its undo).
  const when = useCallback(
    (iso: string) => {
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? formatDateTime(language, iso) : formatDateTimeSeconds(language, d);
    },
    [language],
  );

  const reload = useCallback(() => fetchQuery(BACKUPS_KEY, () => client.backups.list(), { tags: ['installation'] }), []);
  // A job started before this screen opened (the daily backup at start) is followed too.
  const job = ownJob === undefined ? (list?.running ?? null) : ownJob;
  const listError = listQuery.error;
  const notice: Notice | null =
    ownNotice ??
    (listError
      ? (() => {
          const p = problemOf(listError);
          return { kind: 'error', say: (t: Translate) => problemText(t, p), detail: p.message } satisfies Notice;
        })()
      : null);

  const noticeRef = useRef<HTMLDivElement>(null);
  // The result of what the user did takes the focus (the button is disabled while the job runs, and the
  // focus would fall to <body>), and a result is said in the mounted status region. An error keeps its
  // alert role: it takes the focus only when the focus was lost.
  useEffect(() => {
    if (!ownNotice) return;
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (ownNotice.kind === 'error') {
      if (lost) noticeRef.current?.focus();
      return;
    }
    announce(ownNotice.say(t, when, language));
    noticeRef.current?.focus();
    // Said once, when the notice is new (not again when the language changes).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ownNotice]);

  /** The undo backup being restored (its end says "undone", with no further undo offered). */
  const undoing = useRef<string | null>(null);

  const finished = useCallback(
    (done: BackupJob) => {
      const { error, backup, undo } = done;
      if (done.state === 'failed' && error) {
        const problem = { ...error, ...(backup ? { path: backup.path } : {}) };
        setNotice({ kind: 'error', say: (t) => problemText(t, problem), detail: error.message });
      } else if (done.kind === 'create' && backup) {
        setNotice({ kind: 'ok', say: (t, when, language) => t('backup.made', { when: when(backup.createdAt), count: backup.entries, size: formatBytes(language, backup.sizeBytes) }) });
      } else if (done.kind === 'restore' && backup && undo) {
        const undid = undoing.current === backup.name;
        setNotice(
          undid
            ? { kind: 'ok', say: (t) => t('backup.undone') }
            : { kind: 'ok', say: (t, when) => t('backup.restored', { when: when(backup.createdAt), undoWhen: when(undo.createdAt) }), undo },
        );
      }
      undoing.current = null;
      void reload();
    },
    [reload],
  );

  // Follow a running job until it is done.
  useEffect(() => {
    if (!job || job.state !== 'running') return;
    const timer = setTimeout(() => {
      client.backups.job(job.id).then(
        (next) => {
          setJob(next);
          if (next.state !== 'running') finished(next);
        },
        (err: unknown) => {
          const p = problemOf(err);
          setJob(null);
          setNotice({ kind: 'error', say: (t) => problemText(t, p), detail: p.message });
        },
      );
    }, 120);
    return () => clearTimeout(timer);
  }, [job, t, finished]);

  const busy = job?.state === 'running';

  const start = async (run: () => Promise<BackupJob>) => {
    setNotice(null);
    try {
      setJob(await run());
    } catch (err) {
      const p = problemOf(err);
      setNotice({ kind: 'error', say: (t) => problemText(t, p), detail: p.message });
    }
  };

  const restore = async (b: BackupInfo) => {
    const yes = await ask({
      title: t('backup.confirm.title'),
      body: [
        <p key="1">{t('backup.confirm.body', { when: when(b.createdAt), why: t(`backup.reason.${b.reason}`), count: b.entries })}</p>,
        <p key="who" data-testid="backup-confirm-who">{t('backup.confirm.who', { who: whoOf(t, b) })}</p>,
        <p key="2">{t('backup.confirm.body2')}</p>,
      ],
      confirmLabel: t('backup.confirm.ok'),
      danger: true,
    });
    if (yes) await start(() => client.backups.restore(b.name));
  };

  type PathRequest = { kind: 'open' } | { kind: 'save'; backup: BackupInfo };

  /** The system's file dialog where there is one (the application), else a dialog to type the path. */
  const choose = async (request: PathRequest) => {
    try {
      const answer = await client.backups.choosePath(request.kind);
      if (!answer.available) setAsking(request);
      else if (answer.path !== null) await actOnPath(request, answer.path);
    } catch {
      setAsking(request);
    }
  };

  const answerPath = async (path: string | null) => {
    const request = asking;
    setAsking(null);
    if (!request || path === null) return;
    await actOnPath(request, path);
  };

  const actOnPath = async (request: PathRequest, path: string) => {
    setNotice(null);
    try {
      if (request.kind === 'open') {
        const opened = await client.backups.open(path);
        setNotice({ kind: 'ok', say: (t, when) => t('backup.opened', { when: when(opened.createdAt), count: opened.entries }) });
      } else {
        const saved = await client.backups.saveCopy(request.backup.name, path);
        setNotice({ kind: 'ok', say: (t) => t('backup.saved', { path: saved.path }) });
      }
      await reload();
    } catch (err) {
      const p = problemOf(err);
      setNotice({ kind: 'error', say: (t) => problemText(t, { ...p, path: p.path ?? path }), detail: p.message });
    }
  };

  const newest = list?.backups[0] ?? null;
  const percent = Math.round((job?.progress ?? 0) * 100);

  return (
    <>
      <div className="card" data-testid="data-location">
        <h3 className="card__title">{t('data.title')}</h3>
        {list?.locationWarning ? (
          <p className="backups__notice backups__notice--error" role="alert" data-testid="data-location-warning">
            {t(`data.warning.${list.locationWarning}`)}
          </p>
        ) : null}
        <dl className="info">
          <dt>{t('data.size')}</dt>
          <dd data-testid="data-size">{list ? formatBytes(language, list.databaseBytes) : '…'}</dd>
          <dt>{t('data.newestBackup')}</dt>
          <dd data-testid="data-newest">{newest ? `${when(newest.createdAt)} (${t(`backup.reason.${newest.reason}`)})` : t('data.noBackup')}</dd>
          <dt>{t('backup.folder')}</dt>
          <dd className="path">{list?.dir ?? '…'}</dd>
          <dt>{t('data.generation')}</dt>
          <dd>{list?.generation ?? '…'}</dd>
        </dl>
      </div>

      <section className="card card--wide backups" aria-labelledby="backups-heading" data-testid="backups">
        <h3 className="card__title" id="backups-heading">
          {t('backup.title')}
        </h3>
        <p className="hint">{t('backup.intro')}</p>
        <div className="backups__actions">
          <button type="button" className="button button--primary" data-testid="backup-now" disabled={busy} onClick={() => void start(() => client.backups.create())}>
            {t('backup.makeNow')}
          </button>
          <button type="button" className="button" data-testid="backup-open" disabled={busy} onClick={() => void choose({ kind: 'open' })}>
            {t('backup.openFile')}
          </button>
          <span className="backups__status" role="status" aria-live="polite" data-testid="backup-status">
            {busy ? (
              <>
                <progress max={100} value={percent} aria-hidden="true" />
                {t(job.kind === 'create' ? 'backup.making' : 'backup.restoring', { percent })}
              </>
            ) : null}
          </span>
        </div>

        {notice ? (
          <div
            className={`backups__notice backups__notice--${notice.kind}`}
            // A result is said through the mounted status region (a region inserted with its text is not read).
            role={notice.kind === 'error' ? 'alert' : undefined}
            tabIndex={-1}
            ref={noticeRef}
            data-testid="backup-notice"
          >
            <p>{notice.say(t, when, language)}</p>
            {notice.detail ? (
              <details>
                <summary>{t('error.detail')}</summary>
                <p className="path">{notice.detail}</p>
              </details>
            ) : null}
            {notice.undo ? (
              <button type="button" className="button" data-testid="backup-undo" disabled={busy} onClick={() => {
                  const name = notice.undo!.name;
                  undoing.current = name;
                  void start(() => client.backups.restore(name));
                }}
              >
                {t('backup.undo')}
              </button>
            ) : null}
          </div>
        ) : null}

        {list && list.backups.length === 0 ? <p className="hint">{t('backup.none')}</p> : null}
        {list && list.backups.length > 0 ? (
          <table className="backups__table" data-testid="backup-list">
            <caption className="visually-hidden">{t('backup.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('backup.col.when')}</th>
                <th scope="col">{t('backup.col.why')}</th>
                <th scope="col">{t('backup.col.size')}</th>
                <th scope="col">{t('backup.col.contents')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('backup.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.backups.map((b) => (
                <tr key={b.name} data-testid="backup-row" data-name={b.name} data-reason={b.reason}>
                  <th scope="row" title={b.name}>
                    {when(b.createdAt)}
                  </th>
                  <td>{t(`backup.reason.${b.reason}`)}</td>
                  <td className="backups__num">{formatBytes(language, b.sizeBytes)}</td>
                  <td>
                    {t('backup.contents', {
                      plans: b.plans.join(', ') || '—',
                      periods: b.periods.length ? b.periods.join(', ') : t('backup.noPeriods'),
                      count: b.entries,
                    })}
                    <br />
                    <span className="hint" data-testid="backup-who">{whoOf(t, b)}</span>
                  </td>
                  <td>
                    <div className="backups__row-actions">
                    <button type="button" className="button button--quiet" data-testid="backup-restore" disabled={busy} onClick={() => void restore(b)}>
                      {t('backup.restore')}
                    </button>
                    <button type="button" className="button button--quiet" data-testid="backup-save" disabled={busy} onClick={() => void choose({ kind: 'save', backup: b })}>
                      {t('backup.saveCopy')}
                    </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      {dialog}
      {asking ? (
        <PathDialog
          title={t(asking.kind === 'open' ? 'backup.path.openTitle' : 'backup.path.saveTitle')}
          label={t(asking.kind === 'open' ? 'backup.path.openLabel' : 'backup.path.saveLabel')}
          hint={t(asking.kind === 'open' ? 'backup.path.openHint' : 'backup.path.saveHint')}
          action={t(asking.kind === 'open' ? 'backup.path.open' : 'backup.path.save')}
          onAnswer={(p) => void answerPath(p)}
        />
      ) : null}
    </>
  );
}
