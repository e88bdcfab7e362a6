/**
 * The tabs of the case page, in order. Each is one line here: another part of Liaison (requests,
 * documents) adds its tab by adding its entry, and the page renders whatever is listed.
 */
import type { TFunction } from 'i18next';
import type { ComponentType } from 'react';
import type { Case } from '../../../../domain/cases.ts';
import { CaseRequestsTab } from '../requests/case-requests-tab.tsx';
import { IdentifiersTab } from './identifiers-tab.tsx';
import { NotesTab } from './notes-tab.tsx';
import { OverviewTab } from './overview-tab.tsx';
import { TimelineTab } from './timeline-tab.tsx';

/** What every tab panel receives: the case as last read (with `allowed`, the team and counts). */
export interface CaseTabProps {
  caseData: Case;
}

/** One tab of the case page. */
export interface CaseTab {
  /** The tab's name in the address (`?tab=identifiers`) and in test ids. */
  value: string;
  label: (t: TFunction) => string;
  /** A count shown beside the label, from the case's counts. */
  count?: (caseData: Case) => number;
  Panel: ComponentType<CaseTabProps>;
}

/** The case page's tabs; the first is shown when the address names none. */
export const CASE_TABS: readonly CaseTab[] = [
  { value: 'overview', label: (t) => t('cases.tabs.overview'), Panel: OverviewTab },
  { value: 'identifiers', label: (t) => t('cases.tabs.identifiers'), count: (c) => c.counts.identifiers, Panel: IdentifiersTab },
  { value: 'requests', label: (t) => t('cases.tabs.requests'), count: (c) => c.counts.requests, Panel: CaseRequestsTab },
  { value: 'notes', label: (t) => t('cases.tabs.notes'), count: (c) => c.counts.notes, Panel: NotesTab },
  { value: 'timeline', label: (t) => t('cases.tabs.timeline'), Panel: TimelineTab },
];
