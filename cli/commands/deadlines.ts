/**
 * `liaison deadlines`: what is overdue, due soon and coming up in the requests of your cases — a
 * report, so it exits 0 whatever it finds (a script reads `--json`). Acts as the user of
 * LIAISON_TOKEN.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { dashboardSchema, type DashboardItem } from '../../domain/requests/api.ts';
import { MS_PER_DAY, MS_PER_HOUR, formatInZone } from '../../domain/time.ts';
import { addDataDirOption, addJsonOption, withApi } from '../context.ts';
import { formatDate, formatTable, print, printJson } from '../output.ts';
import { DISPLAY_LOCALE, words } from './request.ts';

/** The longest horizon the API accepts, in days. */
const MAX_DAYS = 366;

/** `7d`, `48h`, `2w` → hours. */
export function parseHorizon(value: string): number {
  const match = /^(\d+)\s*([hdw])$/i.exec(value.trim());
  if (!match || Number(match[1]) === 0) throw new InvalidArgumentError('Expected a period such as 48h, 7d or 2w.');
  const hours = Number(match[1]) * { h: 1, d: 24, w: 24 * 7 }[match[2]!.toLowerCase() as 'h' | 'd' | 'w'];
  if (hours > MAX_DAYS * 24) throw new InvalidArgumentError(`Expected at most ${MAX_DAYS} days.`);
  return hours;
}

/** `in 2 d 4 h`, `5 h ago`, `in 12 min`. */
export function formatFromNow(dueAt: string, now: number): string {
  const delta = Date.parse(dueAt) - now;
  const abs = Math.abs(delta);
  const days = Math.floor(abs / MS_PER_DAY);
  const hours = Math.floor((abs % MS_PER_DAY) / MS_PER_HOUR);
  const text = days > 0 ? `${days} d${hours ? ` ${hours} h` : ''}` : hours > 0 ? `${hours} h` : `${Math.max(1, Math.round(abs / 60_000))} min`;
  return delta < 0 ? `${text} ago` : `in ${text}`;
}

const count = (n: number, unit: string) => (n === 1 ? unit : `${n} ${unit}s`);
/** `week`, `2 weeks`, `10 days`, `36 hours`: "in the next …". */
const horizonText = (hours: number) =>
  hours % (24 * 7) === 0 ? count(hours / (24 * 7), 'week') : hours % 24 === 0 ? count(hours / 24, 'day') : count(hours, 'hour');

export function registerDeadlinesCommand(program: Command): void {
  addJsonOption(
    addDataDirOption(
      program
        .command('deadlines')
        .description('overdue, due-soon and upcoming deadlines of requests (acts as the user of LIAISON_TOKEN)')
        .addOption(new Option('--due <period>', 'how far ahead to look: 48h, 7d, 2w (at most 366 days)').argParser(parseHorizon).default(14 * 24, '14d'))
        .addOption(new Option('--scope <scope>', 'mine: cases you are on; visible: every case you may see').choices(['mine', 'visible']).default('mine'))
        .addHelpText('after', '\nOverdue deadlines are always listed. The report exits 0 whatever it finds; scripts read --json.'),
    ),
    'the deadlines',
  ).action(async (opts: { due: number; scope: 'mine' | 'visible'; json?: boolean }, command: Command) => {
    const report = await withApi(command, (api) =>
      api.get(dashboardSchema, `/api/v1/deadlines?days=${Math.min(MAX_DAYS, Math.ceil(opts.due / 24))}&scope=${opts.scope}`),
    );
    // The API looks ahead in whole days; a horizon in hours is cut here.
    const now = Date.now();
    const horizon = now + opts.due * MS_PER_HOUR;
    const within = (items: DashboardItem[]) => items.filter((i) => Date.parse(i.deadline.dueAt) <= horizon);
    const sections = { overdue: report.overdue, dueSoon: within(report.dueSoon), upcoming: within(report.upcoming) };
    if (opts.json) return printJson(sections);

    const columns = [
      { header: 'REFERENCE', value: (i: DashboardItem) => `${i.reference}${i.emergency ? ' !' : ''}` },
      { header: 'CASE', value: (i: DashboardItem) => (i.caseTitle.length > 32 ? `${i.caseTitle.slice(0, 31)}…` : i.caseTitle) },
      { header: 'TYPE', value: (i: DashboardItem) => i.type },
      { header: 'DEADLINE', value: (i: DashboardItem) => `${words(i.deadline.kind)}${i.deadline.binding ? '' : ' (target)'}` },
      { header: 'DUE (UTC)', value: (i: DashboardItem) => formatDate(i.deadline.dueAt) },
      { header: 'WHEN', value: (i: DashboardItem) => formatFromNow(i.deadline.dueAt, now) },
      { header: 'COUNTERPART TIME', value: (i: DashboardItem) => (i.counterpart.timeZone ? `${formatInZone(i.deadline.dueAt, i.counterpart.timeZone, DISPLAY_LOCALE)} ${i.counterpart.timeZone}` : '-') },
    ];
    const titles = [['OVERDUE', sections.overdue], ['DUE SOON', sections.dueSoon], ['UPCOMING', sections.upcoming]] as const;
    let first = true;
    for (const [title, items] of titles) {
      if (items.length === 0) continue;
      if (!first) print('');
      first = false;
      print(`${title} (${items.length})`);
      process.stdout.write(formatTable(items, columns));
    }
    const scope = opts.scope === 'mine' ? 'the cases you are on' : 'the cases you may see';
    const counts = `${sections.overdue.length} overdue, ${sections.dueSoon.length} due soon, ${sections.upcoming.length} upcoming`;
    if (first) return print(`No deadlines in the next ${horizonText(opts.due)}, nor overdue, in ${scope}.`);
    print('', `${counts} in the next ${horizonText(opts.due)}, in ${scope}.`);
  });
}
