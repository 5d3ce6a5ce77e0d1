import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import {
  workStatuses,
  type EntityType,
  type TranslationChange,
  type TranslationItem,
  type WorkStatus,
} from '@ankommen/db';
import { uiLanguages } from '@ankommen/taxonomy';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../env.js';
import { ProblemError, validationProblem } from '../../problem.js';
import { textFaults } from '../../text-guard.js';
import { access, staff } from './access.js';
import { readXliff, writeXliff, XliffError, type ReadUnit, type XliffFile } from './xliff.js';

const importers = ['admin', 'editor'] as const;
const xmlTypes = ['application/xliff+xml', 'application/xml', 'text/xml'];

const statusPattern = new RegExp(`^(${workStatuses.join('|')})(,(${workStatuses.join('|')}))*$`);

/** The work list's filters; `status` is a comma-separated list (`missing,outdated`). */
const WorkQuery = z
  .object({
    lang: z.string().min(1).max(10),
    status: z
      .string()
      .regex(statusPattern, `must be a comma-separated list of ${workStatuses.join(', ')}`)
      .optional(),
    entityType: z.enum(['offer', 'agency']).optional(),
    entityId: z
      .string()
      .max(100)
      .regex(/^[a-z0-9_-]+$/, 'is not an id')
      .optional(),
  })
  .strict();
type WorkQuery = z.infer<typeof WorkQuery>;

/** The languages texts are translated into: the site's languages but the source language. */
function targetLanguages(c: Context<AppEnv>): string[] {
  const source = c.get('services').database!.sourceLanguage;
  return uiLanguages.filter((lang) => lang !== source);
}

function checkLanguage(c: Context<AppEnv>, lang: string, field: string): void {
  const languages = targetLanguages(c);
  if (!languages.includes(lang))
    throw validationProblem([{ field, message: `must be one of ${languages.join(', ')}` }]);
}

async function workList(c: Context<AppEnv>, query: WorkQuery): Promise<TranslationItem[]> {
  checkLanguage(c, query.lang, 'query.lang');
  return c.get('services').database!.translations.list({
    lang: query.lang,
    ...(query.status ? { statuses: query.status.split(',') as WorkStatus[] } : {}),
    ...(query.entityType ? { entityType: query.entityType } : {}),
    ...(query.entityId ? { entityId: query.entityId } : {}),
  });
}

/** The XLIFF segment state that says how far a stored text got. */
const stateOf = (status: WorkStatus) =>
  status === 'source'
    ? 'final'
    : status === 'reviewed'
      ? 'reviewed'
      : status === 'machine'
        ? 'translated'
        : 'initial';

function filesOf(items: readonly TranslationItem[]): XliffFile[] {
  const files = new Map<string, XliffFile>();
  for (const item of items) {
    const id = `${item.entityType}:${item.entityId}`;
    let file = files.get(id);
    if (!file) {
      file = { id, name: item.entityName, units: [] };
      files.set(id, file);
    }
    file.units.push({
      id: item.field,
      source: item.source,
      target: item.target,
      sourceHash: item.sourceHash,
      state: stateOf(item.status),
    });
  }
  return [...files.values()];
}

interface ReportEntry {
  file: string;
  unit: string;
  reason: string;
  message: string;
}

/**
 * Units that can be given to the repository, by record, and the report entries of those
 * that cannot. Untranslated units are skipped, not rejected: a translator may return a file
 * half done.
 */
function sortUnits(units: readonly ReadUnit[], skipped: ReportEntry[], rejected: ReportEntry[]) {
  const byRecord = new Map<
    string,
    { entityType: EntityType; id: string; changes: TranslationChange[] }
  >();
  for (const unit of units) {
    const entry = { file: unit.fileId, unit: unit.unitId };
    const match = unit.fileId.match(/^(offer|agency):([a-z0-9_-]{1,100})$/);
    if (!match) {
      rejected.push({
        ...entry,
        reason: 'unknown-entity',
        message: 'the file id must be offer:<id> or agency:<id>',
      });
    } else if (unit.problem) {
      rejected.push({ ...entry, ...unit.problem });
    } else if (unit.target === null || unit.target.trim() === '') {
      skipped.push({ ...entry, reason: 'empty-target', message: 'has no translated text' });
    } else if (unit.sourceHash === null) {
      rejected.push({
        ...entry,
        reason: 'stale-source',
        message: `carries no source-hash note, so its source text cannot be checked`,
      });
    } else {
      let record = byRecord.get(unit.fileId);
      if (!record) {
        record = { entityType: match[1] as EntityType, id: match[2]!, changes: [] };
        byRecord.set(unit.fileId, record);
      }
      record.changes.push({
        field: unit.unitId,
        text: unit.target,
        sourceHash: unit.sourceHash,
        // A person's word is needed for `reviewed`; anything else counts as unchecked.
        status: unit.state === 'reviewed' || unit.state === 'final' ? 'reviewed' : 'machine',
      });
    }
  }
  return [...byRecord.values()];
}

export function translationRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/admin/translations/coverage',
      tags: ['staff'],
      summary: 'How complete each language is: fields by translation status, with percentages',
      middleware: [access('get', '/v1/admin/translations/coverage', staff)],
      responses: { 200: { description: 'Coverage per language' } },
    }),
    async (c) => {
      const database = c.get('services').database!;
      return c.json({
        sourceLanguage: database.sourceLanguage,
        languages: await database.translations.coverage(targetLanguages(c)),
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/admin/translations',
      tags: ['staff'],
      summary:
        'The work list of one language: each field with its source text, translation and status',
      middleware: [access('get', '/v1/admin/translations', staff)],
      request: { query: WorkQuery },
      responses: { 200: { description: 'Fields' }, 400: { description: 'Unknown language' } },
    }),
    async (c) => {
      const query = c.req.valid('query');
      return c.json({ lang: query.lang, items: await workList(c, query) });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/admin/translations/xliff',
      tags: ['staff'],
      summary: 'The work list as an XLIFF 2.0 file, one <file> per record and one <unit> per field',
      middleware: [access('get', '/v1/admin/translations/xliff', staff)],
      request: { query: WorkQuery },
      responses: { 200: { description: 'XLIFF 2.0' }, 400: { description: 'Unknown language' } },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const items = await workList(c, query);
      const name = ['ankommen', query.entityType, query.entityId, query.lang]
        .filter(Boolean)
        .join('-');
      return c.body(
        writeXliff({
          srcLang: c.get('services').database!.sourceLanguage,
          trgLang: query.lang,
          files: filesOf(items),
        }),
        200,
        {
          'Content-Type': 'application/xliff+xml; charset=utf-8',
          'Content-Disposition': `attachment; filename="${name}.xlf"`,
        },
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/admin/translations/xliff',
      tags: ['staff'],
      summary:
        'Imports an XLIFF 2.0 file: applies the units that fit, per record in one versioned write; reports the rest',
      middleware: [access('post', '/v1/admin/translations/xliff', importers)],
      responses: {
        200: { description: 'The report: applied, skipped and rejected units with reasons' },
        400: { description: 'Not an XLIFF 2.0 document we can read' },
        415: { description: 'Not XML' },
      },
    }),
    async (c) => {
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (!xmlTypes.includes(type)) {
        throw new ProblemError(415, 'unsupported-media-type', 'Send the XLIFF file as XML', {
          errors: [{ field: 'header.content-type', message: `must be ${xmlTypes.join(' or ')}` }],
        });
      }
      let document;
      try {
        document = readXliff(await c.req.text());
      } catch (error) {
        if (error instanceof XliffError) throw validationProblem(error.errors);
        throw error;
      }
      // Character references (`&#0;`) can carry what the text guard refuses in raw bodies.
      const unstorable = textFaults(document, 'body.xliff');
      if (unstorable.length > 0) throw validationProblem(unstorable);
      const database = c.get('services').database!;
      if (document.srcLang !== database.sourceLanguage) {
        throw validationProblem([
          { field: 'body.xliff.srcLang', message: `must be ${database.sourceLanguage}` },
        ]);
      }
      checkLanguage(c, document.trgLang, 'body.xliff.trgLang');
      const skipped: ReportEntry[] = [];
      const rejected: ReportEntry[] = [];
      const applied: { file: string; unit: string; status: string }[] = [];
      const actor = c.get('auth')!.user.id;
      for (const record of sortUnits(document.units, skipped, rejected)) {
        const file = `${record.entityType}:${record.id}`;
        const result = await database.translations.apply(
          record.entityType,
          record.id,
          document.trgLang,
          record.changes,
          { actor, comment: `XLIFF import (${document.trgLang})` },
        );
        for (const unit of result.applied)
          applied.push({ file, unit: unit.field, status: unit.status });
        for (const unit of result.rejected) {
          const entry = { file, unit: unit.field, reason: unit.reason, message: unit.message };
          (unit.reason === 'unchanged' ? skipped : rejected).push(entry);
        }
      }
      return c.json({ trgLang: document.trgLang, applied, skipped, rejected });
    },
  );
}
