import { error, fail } from '@sveltejs/kit';
import { api, type Problem } from '$lib/server/api';
import {
  entityTypeLabels,
  fieldLabel,
  languageOf,
  localizedAt,
  requireStaff,
  statusLabels,
  translationErrors,
  withTranslations,
  type EntityType,
  type TranslationItem,
} from '$lib/server/translations';
import type { Actions, PageServerLoad } from './$types';

interface EntityRecord {
  id: string;
  version: number;
  status: string;
  value: Record<string, unknown>;
}

function entityTypeOf(value: string): EntityType {
  if (value !== 'offer' && value !== 'agency') error(404, 'Diese Art von Eintrag gibt es nicht.');
  return value;
}

const collection = (entityType: EntityType) => (entityType === 'offer' ? 'offers' : 'agencies');

async function fieldsOf(
  fetcher: typeof fetch,
  token: string | null,
  lang: string,
  entityType: EntityType,
  id: string,
) {
  const query = new URLSearchParams({ lang, entityType, entityId: id });
  const { status, body } = await api<{ items: TranslationItem[] }>(
    fetcher,
    `/v1/admin/translations?${query}`,
    { token },
  );
  if (status !== 200 || body.items.length === 0)
    error(404, 'Diesen Eintrag gibt es nicht, oder er hat keine zu übersetzenden Texte.');
  return body.items;
}

const textsOf = (items: readonly TranslationItem[]) =>
  Object.fromEntries(items.map((item) => [item.field, item.target ?? '']));

export const load: PageServerLoad = async ({ fetch, locals, params }) => {
  requireStaff(locals.user);
  const language = languageOf(params.lang);
  const entityType = entityTypeOf(params.entityType);
  const items = await fieldsOf(fetch, locals.token, language.code, entityType, params.id);
  return {
    language,
    entity: {
      type: entityType,
      kind: entityTypeLabels[entityType],
      id: params.id,
      name: items[0]!.entityName,
      version: items[0]!.entityVersion,
    },
    fields: items.map((item) => ({
      field: item.field,
      label: fieldLabel(item.field),
      source: item.source,
      status: item.status,
      statusLabel: statusLabels[item.status],
    })),
    texts: textsOf(items),
    canEdit: locals.user?.role === 'admin' || locals.user?.role === 'editor',
  };
};

export const actions: Actions = {
  /**
   * Saves the translations onto the version the translator loaded, through the record's own
   * PUT (versions, audit, outdated marking). On a conflict the typed texts stay in the form
   * beside the newer ones; saving again puts them over the newer version knowingly.
   */
  save: async ({ request, fetch, locals, params }) => {
    requireStaff(locals.user);
    const language = languageOf(params.lang);
    const entityType = entityTypeOf(params.entityType);
    const form = await request.formData();
    const version = Number(form.get('version'));
    const texts: Record<string, string> = {};
    const confirmed = new Set<string>();
    for (const [name, entry] of form) {
      if (name.startsWith('text:')) texts[name.slice(5)] = String(entry);
      if (name.startsWith('reviewed:')) confirmed.add(name.slice(9));
    }
    const path = `/v1/admin/${collection(entityType)}/${encodeURIComponent(params.id)}`;
    const current = await api<EntityRecord>(fetch, path, { token: locals.token });
    if (current.status === 404) error(404, 'Diesen Eintrag gibt es nicht.');
    const value = structuredClone(current.body.value);
    const changed = withTranslations(value, language.code, texts, confirmed);
    if (changed.length === 0) return { saved: [], texts, conflict: null, errors: {} };
    const answer = await api<EntityRecord | Problem>(fetch, path, {
      method: 'PUT',
      token: locals.token,
      ifMatch: `"v${version}"`,
      body: { value },
    });
    if (answer.status === 409) {
      const newer = Object.fromEntries(
        Object.keys(texts).map((field) => [
          field,
          localizedAt(current.body.value, field)?.[language.code]?.text ?? '',
        ]),
      );
      return fail(409, {
        saved: null,
        texts,
        conflict: { version: current.body.version, texts: newer },
        errors: {},
      });
    }
    if (answer.status !== 200)
      return fail(answer.status, {
        saved: null,
        texts,
        conflict: null,
        errors: translationErrors((answer.body as Problem).errors, value, language.code),
      });
    return { saved: changed.map(fieldLabel), texts: null, conflict: null, errors: {} };
  },
};
