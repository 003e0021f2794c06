/**
 * Inline suppression: `<!-- gkreport-disable-next-line code -->`, `<!-- gkreport-disable code -->`
 * … `<!-- gkreport-enable -->`, `<!-- gkreport-disable-file -->` (the same syntax in plain text).
 */
import type { ReportModel } from './model';
import type { Finding } from './types';

/** Drops the findings that a disable comment covers. */
export function applySuppressions(findings: Finding[], model: ReportModel): Finding[] {
  const list = model.suppressions;
  if (list.length === 0) return findings;
  const covers = (codes: string[], code: string): boolean => codes.length === 0 || codes.includes(code);
  return findings.filter((f) => {
    const line = f.range.start.line;
    let disabled: string[] | undefined;
    for (const s of list) {
      if (s.kind === 'file' && covers(s.codes, f.code)) return false;
      if (s.kind === 'next-line' && s.line + 1 === line && covers(s.codes, f.code)) return false;
      if (s.kind === 'line' && s.line === line && covers(s.codes, f.code)) return false;
      if (s.line > line) continue;
      if (s.kind === 'disable') disabled = s.codes;
      if (s.kind === 'enable' && disabled && (s.codes.length === 0 || covers(s.codes, f.code))) disabled = undefined;
    }
    return !(disabled && covers(disabled, f.code));
  });
}
