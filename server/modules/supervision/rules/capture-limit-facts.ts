import type { CatalogMaterial } from '../../catalog/catalog.schema.ts';

/** A page of a case as the capture-limit rules read it: when it came and when (if ever) it was removed. */
export interface PageTimes {
  materialCode: string;
  capturedAt: string;
  removedAt: string | null;
}

/** What 未上传 and 不齐全 look at when a case's capture limit passes. */
export interface CaptureLimitFacts {
  caseId: string;
  /** The station that accepted the case: it captures, it answers. */
  unitId: string;
  captureDeadline: string;
  /** Withdrawn, completed or imported (a historical file is closed when it is opened). */
  closedAt: string | null;
  materials: readonly CatalogMaterial[];
  pages: readonly PageTimes[];
}

/**
 * Pages per material as they stood at an instant: captured by then and not yet removed. Facts
 * about a deadline are read as of the deadline, so an act and a later sweep find the same thing.
 */
export function pagesStandingAt(pages: readonly PageTimes[], at: string): Map<string, number> {
  const standing = new Map<string, number>();
  for (const page of pages) {
    if (page.capturedAt > at || (page.removedAt !== null && page.removedAt <= at)) continue;
    standing.set(page.materialCode, (standing.get(page.materialCode) ?? 0) + 1);
  }
  return standing;
}

/** Whether the case was still open at the instant: one withdrawn (or imported) before it is no anomaly. */
export function openAt(facts: CaptureLimitFacts, at: string): boolean {
  return facts.closedAt === null || facts.closedAt > at;
}
