/** A text in one language, as offers carry them. */
export interface LocalizedText {
  [lang: string]: { text: string; status: string } | undefined;
}

/** The parts of an offer the dashboard edits; the rest of the value travels unchanged. */
export interface OfferValue {
  id: string;
  title: LocalizedText;
  summary: LocalizedText;
  providerId?: string;
  verifiedAt?: string | null;
  [field: string]: unknown;
}

/** Who did something to a record, as the API shows it (partners see the role only). */
export interface Person {
  role: string;
  email?: string;
}

/** The latest review decision, with the reviewer's comment for the partner. */
export interface ReviewOutcome {
  decision: 'approve' | 'reject';
  comment: string | null;
  at: string;
  by: Person | null;
}

/** The latest confirmation against the source: the date set, and who set it when. */
export interface CheckRecord {
  verifiedAt: string;
  at: string;
  by: Person | null;
}

export interface OfferRecord {
  id: string;
  version: number;
  status: 'draft' | 'in_review' | 'published' | 'archived';
  value: OfferValue;
  published: OfferValue | null;
  updatedAt: string;
  ownerAgencyId: string | null;
  /** Only on a single record (`GET /v1/admin/offers/{id}`), not in lists. */
  lastReview?: ReviewOutcome | null;
  lastCheck?: CheckRecord | null;
}

/** The text fields of the edit form: `title.de` etc. German is the source language. */
export const editableFields = ['title.de', 'title.en', 'summary.de', 'summary.en'] as const;
export type EditableField = (typeof editableFields)[number];

export function fieldValue(value: OfferValue, field: EditableField): string {
  const [name, lang] = field.split('.') as ['title' | 'summary', string];
  return value[name][lang]?.text ?? '';
}

/**
 * The value with the form's texts put in. A changed text becomes the staff's own (`source`
 * for German, `reviewed` for others); an emptied translation is removed.
 */
export function withTexts(value: OfferValue, texts: Record<EditableField, string>): OfferValue {
  const next: OfferValue = { ...value, title: { ...value.title }, summary: { ...value.summary } };
  for (const field of editableFields) {
    const [name, lang] = field.split('.') as ['title' | 'summary', string];
    const text = texts[field].trim();
    if (text === fieldValue(value, field)) continue;
    if (text === '' && lang !== 'de') delete next[name][lang];
    else next[name][lang] = { text, status: lang === 'de' ? 'source' : 'reviewed' };
  }
  return next;
}

/** Field errors of the API (`body.value.title.de.text`) by form field (`title.de`). */
export function errorsByField(errors: { field: string; message: string }[] = []) {
  const byField: Record<string, string> = {};
  for (const { field, message } of errors) {
    const match = field.match(/^body\.value\.(title|summary)\.([a-z]{2})/);
    byField[match ? `${match[1]}.${match[2]}` : 'form'] ??= message;
  }
  return byField;
}

/** The German names of the workflow statuses. */
export const statusLabels: Record<OfferRecord['status'], string> = {
  draft: 'Entwurf',
  in_review: 'In Prüfung',
  published: 'Veröffentlicht',
  archived: 'Archiviert',
};

/** The API's workflow moves (`entities.ts`): from which statuses, and who may make them. */
const workflow = [
  {
    step: 'submit',
    label: 'Zur Prüfung einreichen',
    from: ['draft'],
    roles: ['admin', 'editor', 'partner'],
  },
  { step: 'approve', label: 'Freigeben', from: ['in_review'], roles: ['admin', 'reviewer'] },
  { step: 'reject', label: 'Zurückweisen', from: ['in_review'], roles: ['admin', 'reviewer'] },
  {
    step: 'publish',
    label: 'Veröffentlichen',
    from: ['draft', 'in_review'],
    roles: ['admin', 'editor'],
  },
  {
    step: 'archive',
    label: 'Archivieren',
    from: ['draft', 'in_review', 'published'],
    roles: ['admin', 'editor'],
  },
];

/**
 * The workflow buttons a person sees on a record. Agencies are not submitted here: the review
 * queue lists offers only (the API lets staff submit an agency, for other clients).
 */
export function workflowSteps(status: string, role: string | undefined, { submit = true } = {}) {
  return workflow
    .filter((s) => (submit || s.step !== 'submit') && s.from.includes(status))
    .filter((s) => role !== undefined && s.roles.includes(role))
    .map(({ step, label }) => ({ step, label }));
}
