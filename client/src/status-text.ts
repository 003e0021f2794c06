/**
 * The words of the language status item for one document's status. Pure, for the tests.
 */
import { message } from './messages';
import { messageCounts, type ReportStatus } from './protocol';

export interface StatusSummary {
  /** Short text: format and year, or the large-file notice. */
  text: string;
  /** Longer text: findings, check time, configuration. */
  detail: string;
  level: 'error' | 'warning' | 'info';
}

/** The last path segment of a path or URI. */
function baseName(path: string): string {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // keep the path as it is
  }
  return decoded.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? decoded;
}

/** The words for a status the server sent (`gkreport/status`). */
export function statusSummary(status: ReportStatus, locale: string): StatusSummary {
  const parts: string[] = [];
  if (status.format) parts.push(message(locale, 'statusFormat', { format: status.format }));
  parts.push(status.year ? message(locale, 'statusYear', { year: status.year }) : message(locale, 'statusNoYear'));
  const { error, warning, info } = status.counts;
  const detail = [
    error + warning + info === 0 ? message(locale, 'statusClean') : message(locale, 'statusCounts', messageCounts(status.counts)),
    message(locale, 'statusTime', { ms: Math.round(status.timeMs) }),
  ];
  if (status.configFile) detail.push(message(locale, 'statusConfig', { file: baseName(status.configFile) }));
  if (status.configErrors?.length) detail.push(message(locale, 'statusConfigErrors', { count: status.configErrors.length }));
  if (status.previousReport) detail.push(message(locale, 'statusPrevious', { file: baseName(status.previousReport) }));
  let text = parts.join(' · ');
  if (status.largeFileGuard) {
    detail.unshift(text);
    text = message(locale, 'statusLargeFile');
  }
  return {
    text,
    detail: detail.join(' · '),
    level: error > 0 ? 'error' : warning > 0 || status.configErrors?.length ? 'warning' : 'info',
  };
}
