/**
 * Translation work over offers and agencies: where each field stands in a language, how
 * complete a language is, and applying translations from outside (an XLIFF file). Every
 * write goes through the entity repositories, so versions, audit and the outdated marking
 * apply to translations exactly as to any other edit.
 */
import type { LocalizedText } from '@ankommen/taxonomy';
import { VersionConflictError } from '../errors.js';
import type { EntityStatus, EntityType } from '../schema.js';
import { assembleEntity, hashText, splitEntity, textFields } from '../texts.js';
import type { Actor, RepositoryContext } from './context.js';
import type { EntityRecord, EntityRepository } from './entities.js';

type Json = Record<string, unknown>;

/** Where a field stands in one language: a stored translation status, or no text at all. */
export const workStatuses = ['missing', 'outdated', 'machine', 'reviewed', 'source'] as const;
export type WorkStatus = (typeof workStatuses)[number];

/** The records translators work on: what the public sees or will see; not the archive. */
const workingStatuses: EntityStatus[] = ['draft', 'in_review', 'published'];

export interface TranslationItem {
  entityType: EntityType;
  entityId: string;
  /** The record's name in the source language, to find it in a list. */
  entityName: string;
  entityVersion: number;
  field: string;
  source: string;
  /** SHA-256 of `source`: a translation made now is made against this. */
  sourceHash: string;
  target: string | null;
  status: WorkStatus;
}

export interface TranslationFilter {
  lang: string;
  statuses?: readonly WorkStatus[];
  entityType?: EntityType;
  entityId?: string;
}

export interface LanguageCoverage {
  lang: string;
  /** Fields with a source text, over offers and agencies. */
  total: number;
  counts: Record<WorkStatus, number>;
  /** Share of `total` per status, in percent with one decimal. */
  percent: Record<WorkStatus, number>;
}

/** One translated text to put into a record, with the source text's hash it was made for. */
export interface TranslationChange {
  field: string;
  text: string;
  status: 'reviewed' | 'machine';
  sourceHash: string;
}

export const rejectReasons = [
  'unknown-entity',
  'unknown-field',
  'stale-source',
  'empty-target',
  'invalid-language',
  'unsupported-content',
  'version-conflict',
  'unchanged',
] as const;
export type RejectReason = (typeof rejectReasons)[number];

export interface RejectedChange {
  field: string;
  reason: RejectReason;
  message: string;
}

export interface ApplyResult {
  applied: { field: string; status: 'reviewed' | 'machine' }[];
  rejected: RejectedChange[];
  /** The record's version after the write; unchanged when nothing was applied. */
  version: number | null;
}

export interface ApplyOptions {
  actor: Actor;
  comment?: string;
}

export interface TranslationRepository {
  /** The work list of one language, ordered by entity type, id and field. */
  list(filter: TranslationFilter): Promise<TranslationItem[]>;
  coverage(languages: readonly string[]): Promise<LanguageCoverage[]>;
  /**
   * Puts translations into one record in one write (with its version check), after checking
   * each against the record's current source text. Changes that do not fit are listed with
   * their reason; the others are applied together or, on a concurrent write, not at all.
   */
  apply(
    entityType: EntityType,
    entityId: string,
    lang: string,
    changes: readonly TranslationChange[],
    options: ApplyOptions,
  ): Promise<ApplyResult>;
}

type AnyEntityRepository = EntityRepository<unknown, unknown>;

/** Applying retries this often when another write came in between reading and writing. */
const applyAttempts = 3;

function sourceName(entityType: EntityType, value: Json, sourceLanguage: string): string {
  const name = value[entityType === 'offer' ? 'title' : 'name'] as LocalizedText | undefined;
  return name?.[sourceLanguage]?.text ?? String(value['id']);
}

export function createTranslationRepository(
  context: Pick<RepositoryContext, 'sourceLanguage'>,
  repositories: Record<EntityType, AnyEntityRepository>,
): TranslationRepository {
  const { sourceLanguage } = context;

  /** The translatable fields of a record that have a source text, each in every language. */
  function fieldsOf(entityType: EntityType, record: EntityRecord<unknown>) {
    const value = record.value as Json;
    const { texts } = splitEntity(entityType, value);
    return textFields(entityType, value).flatMap((field) => {
      const localized = texts.get(field);
      const source = localized?.[sourceLanguage];
      return source && localized ? [{ field, source: source.text, localized }] : [];
    });
  }

  async function workingRecords(
    entityType: EntityType | undefined,
    entityId: string | undefined,
  ): Promise<{ entityType: EntityType; record: EntityRecord<unknown> }[]> {
    const types: EntityType[] = entityType ? [entityType] : ['offer', 'agency'];
    const found = await Promise.all(
      types.map(async (type) => {
        const records = entityId
          ? [await repositories[type].get(entityId)].filter(
              (record): record is EntityRecord<unknown> =>
                record !== undefined && record.status !== 'archived',
            )
          : await repositories[type].list({ status: workingStatuses });
        return records.map((record) => ({ entityType: type, record }));
      }),
    );
    return found.flat();
  }

  function itemsIn(
    entries: readonly { entityType: EntityType; record: EntityRecord<unknown> }[],
    lang: string,
  ): TranslationItem[] {
    return entries.flatMap(({ entityType, record }) => {
      const entityName = sourceName(entityType, record.value as Json, sourceLanguage);
      return fieldsOf(entityType, record).map(({ field, source, localized }) => {
        const target = localized[lang];
        return {
          entityType,
          entityId: record.id,
          entityName,
          entityVersion: record.version,
          field,
          source,
          sourceHash: hashText(source),
          target: target?.text ?? null,
          status: target?.status ?? 'missing',
        };
      });
    });
  }

  async function apply(
    entityType: EntityType,
    entityId: string,
    lang: string,
    changes: readonly TranslationChange[],
    options: ApplyOptions,
  ): Promise<ApplyResult> {
    const repository = repositories[entityType];
    for (let attempt = 1; ; attempt++) {
      const record = await repository.get(entityId);
      if (!record || record.status === 'archived') {
        return {
          applied: [],
          rejected: changes.map(({ field }) => ({
            field,
            reason: 'unknown-entity',
            message: `there is no ${entityType} ${entityId} to translate`,
          })),
          version: null,
        };
      }
      const value = record.value as Json;
      const parts = splitEntity(entityType, value);
      const known = new Set(textFields(entityType, value));
      const applied: ApplyResult['applied'] = [];
      const rejected: RejectedChange[] = [];
      for (const change of changes) {
        const localized = parts.texts.get(change.field);
        const source = localized?.[sourceLanguage];
        const current = localized?.[lang];
        const text = change.text.trim();
        const reject = (reason: RejectReason, message: string) =>
          rejected.push({ field: change.field, reason, message });
        if (!known.has(change.field)) reject('unknown-field', 'is not a translatable field');
        else if (!source || !localized) reject('unknown-field', 'has no source text');
        else if (hashText(source.text) !== change.sourceHash)
          reject('stale-source', 'the source text changed after this text was translated');
        else if (text === '') reject('empty-target', 'has no translated text');
        else if (
          current?.text === text &&
          (change.status === 'machine' || ['source', 'reviewed'].includes(current.status))
        )
          // Sending a text back as it is changes nothing; only a review can raise its status.
          reject('unchanged', 'is the same as the stored text');
        else {
          localized[lang] = { text, status: change.status };
          applied.push({ field: change.field, status: change.status });
        }
      }
      if (applied.length === 0) return { applied, rejected, version: record.version };
      try {
        const written = await repository.update(
          entityId,
          assembleEntity(parts.data, parts.texts, parts.locations),
          {
            expectedVersion: record.version,
            actor: options.actor,
            ...(options.comment ? { comment: options.comment } : {}),
          },
        );
        return { applied, rejected, version: written.version };
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
        // Someone wrote in between: check every change again against what they wrote.
        if (attempt === applyAttempts) {
          return {
            applied: [],
            rejected: changes.map(({ field }) => ({
              field,
              reason: 'version-conflict',
              message: `${entityType} ${entityId} kept changing while it was being written; try again`,
            })),
            version: null,
          };
        }
      }
    }
  }

  return {
    async list(filter) {
      const all = itemsIn(await workingRecords(filter.entityType, filter.entityId), filter.lang);
      return filter.statuses ? all.filter((item) => filter.statuses!.includes(item.status)) : all;
    },

    async coverage(languages) {
      const entries = await workingRecords(undefined, undefined);
      return languages.map((lang) => {
        const counts = Object.fromEntries(workStatuses.map((s) => [s, 0])) as Record<
          WorkStatus,
          number
        >;
        const list = itemsIn(entries, lang);
        for (const item of list) counts[item.status] += 1;
        const total = list.length;
        const percent = Object.fromEntries(
          workStatuses.map((s) => [
            s,
            total === 0 ? 0 : Math.round((counts[s] * 1000) / total) / 10,
          ]),
        ) as Record<WorkStatus, number>;
        return { lang, total, counts, percent };
      });
    },

    apply,
  };
}
