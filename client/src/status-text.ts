/**
 * The words of the language status item for one document's status. Pure, for the tests.
 */
import { message } from './messages';
import type { DocumentStatus } from './protocol';

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

export function statusSummary(status: DocumentStatus, locale: string): StatusSummary {
  const parts: string[] = [];
  if (status.format) parts.push(message(locale, 'statusFormat', { format: status.format }));
  parts.push(status.year ? message(locale, 'statusYear', { year: status.year }) : message(locale, 'statusNoYear'));
  const findings = status.errors + status.warnings + status.infos;
  const detail = [
    findings === 0 ? message(locale, 'statusClean') : message(locale, 'statusCounts', { errors: status.errors, warnings: status.warnings, infos: status.infos }),
    message(locale, 'statusTime', { ms: Math.round(status.ms) }),
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
    level: status.errors > 0 ? 'error' : status.warnings > 0 || status.configErrors?.length ? 'warning' : 'info',
  };
}
