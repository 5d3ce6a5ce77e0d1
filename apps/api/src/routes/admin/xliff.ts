/**
 * XLIFF 2.0 for translation exchange: one `<file>` per record, one `<unit>` per text field,
 * each unit carrying the hash of the source text it was exported against, so that a text
 * translated against an older source is recognised when it comes back (ADR 0013).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { FieldError } from '../../problem.js';

export const xliffNamespace = 'urn:oasis:names:tc:xliff:document:2.0';
/** The note category that carries the SHA-256 of the source text a unit was exported with. */
export const sourceHashCategory = 'source-hash';

/** XLIFF 2.0 segment states, from least to most checked. */
export const segmentStates = ['initial', 'translated', 'reviewed', 'final'] as const;
export type SegmentState = (typeof segmentStates)[number];

export interface XliffUnit {
  id: string;
  source: string;
  target: string | null;
  sourceHash: string;
  state: SegmentState;
}

export interface XliffFile {
  id: string;
  /** What the record is called, as a note for translators. */
  name?: string;
  units: XliffUnit[];
}

export interface XliffDocument {
  srcLang: string;
  trgLang: string;
  files: XliffFile[];
}

/** A unit as read back; `problem` says why it cannot be used as it is. */
export interface ReadUnit {
  fileId: string;
  unitId: string;
  target: string | null;
  sourceHash: string | null;
  state: SegmentState;
  problem?: { reason: 'unsupported-content' | 'invalid-language'; message: string };
}

export interface ReadDocument {
  srcLang: string;
  trgLang: string;
  units: ReadUnit[];
}

/** A document that cannot be read at all; names the part at fault. */
export class XliffError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field} ${e.message}`).join('; '));
    this.name = 'XliffError';
  }
}

// XML 1.0 cannot carry these characters at all, not even as references.
// eslint-disable-next-line no-control-regex
const notXmlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

const escapeText = (text: string) =>
  text
    .replace(notXmlCharacters, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    // A bare CR would be read back as LF (XML end-of-line handling).
    .replace(/\r/g, '&#13;');

const escapeAttribute = (text: string) =>
  escapeText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');

export function writeXliff(document: XliffDocument): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff xmlns="${xliffNamespace}" version="2.0" srcLang="${escapeAttribute(document.srcLang)}" trgLang="${escapeAttribute(document.trgLang)}">`,
  ];
  for (const file of document.files) {
    lines.push(`  <file id="${escapeAttribute(file.id)}">`);
    if (file.name !== undefined) {
      lines.push(`    <notes><note category="name">${escapeText(file.name)}</note></notes>`);
    }
    for (const unit of file.units) {
      lines.push(
        `    <unit id="${escapeAttribute(unit.id)}" xml:space="preserve">`,
        `      <notes><note category="${sourceHashCategory}">${unit.sourceHash}</note></notes>`,
        `      <segment state="${unit.state}">`,
        `        <source>${escapeText(unit.source)}</source>`,
      );
      if (unit.target !== null) lines.push(`        <target>${escapeText(unit.target)}</target>`);
      lines.push('      </segment>', '    </unit>');
    }
    lines.push('  </file>');
  }
  lines.push('</xliff>', '');
  return lines.join('\n');
}

const listElements = new Set(['file', 'unit', 'notes', 'segment', 'note', 'ignorable', 'group']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  // Whitespace inside texts is part of them; whitespace between elements is ignored below.
  trimValues: false,
  // Decodes character references (&#x627;); named entities other than XML's five are not
  // defined without a DTD, and DTDs are refused before parsing.
  htmlEntities: true,
  isArray: (name) => listElements.has(name),
});

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const nodes = (value: unknown): Node[] => (Array.isArray(value) ? value.filter(isNode) : []);

function attribute(node: Node, name: string): string | undefined {
  const value = node[`@${name}`];
  return typeof value === 'string' ? value : undefined;
}

/** The text of an element that holds only text; `undefined` when it holds elements too. */
function plainText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!isNode(value)) return undefined;
  const children = Object.keys(value).filter((key) => !key.startsWith('@'));
  if (children.length === 0) return '';
  if (children.length === 1 && children[0] === '#text') return String(value['#text']);
  return undefined;
}

function readUnit(unit: Node, fileId: string, trgLang: string, path: string): ReadUnit {
  const unitId = attribute(unit, 'id');
  if (!unitId) throw new XliffError([{ field: `${path}.id`, message: 'is required' }]);
  const notes = nodes(unit['notes']).flatMap((group) => nodes(group['note']));
  const hashNote = notes.find((note) => attribute(note, 'category') === sourceHashCategory);
  const sourceHash = hashNote ? (plainText(hashNote)?.trim() ?? null) : null;
  const segments = nodes(unit['segment']);
  const base = { fileId, unitId, sourceHash };
  if (segments.length !== 1 || unit['ignorable'] !== undefined) {
    return {
      ...base,
      target: null,
      state: 'initial',
      problem: {
        reason: 'unsupported-content',
        message: 'must have exactly one segment; join the segments before sending it back',
      },
    };
  }
  const segment = segments[0]!;
  const stateValue = attribute(segment, 'state') ?? 'initial';
  if (!(segmentStates as readonly string[]).includes(stateValue)) {
    throw new XliffError([
      { field: `${path}.segment.state`, message: `must be one of ${segmentStates.join(', ')}` },
    ]);
  }
  const state = stateValue as SegmentState;
  const targetNode = segment['target'];
  if (targetNode === undefined) return { ...base, target: null, state };
  const target = plainText(targetNode);
  if (target === undefined) {
    return {
      ...base,
      target: null,
      state,
      problem: {
        reason: 'unsupported-content',
        message: 'the target holds inline markup; only plain text can be imported',
      },
    };
  }
  const targetLang = isNode(targetNode) ? attribute(targetNode, 'xml:lang') : undefined;
  if (targetLang !== undefined && targetLang !== trgLang) {
    return {
      ...base,
      target,
      state,
      problem: {
        reason: 'invalid-language',
        message: `the target is marked ${targetLang}, the document ${trgLang}`,
      },
    };
  }
  return { ...base, target, state };
}

/**
 * Reads an XLIFF 2.0 document. A document that is not well-formed, carries a DTD, or is not
 * XLIFF 2.0 throws `XliffError`; a unit the importer cannot use comes back with its problem.
 */
export function readXliff(xml: string): ReadDocument {
  // No DTD, so no entity can expand (billion laughs) or reach outside (XXE).
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw new XliffError([{ field: 'body', message: 'must not contain a DOCTYPE or entities' }]);
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new XliffError([
      {
        field: 'body',
        message: `is not well-formed XML (line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg})`,
      },
    ]);
  }
  const root = (parser.parse(xml) as Node)['xliff'];
  if (!isNode(root)) {
    throw new XliffError([{ field: 'body', message: 'must have <xliff> as its root element' }]);
  }
  const errors: FieldError[] = [];
  if (attribute(root, 'xmlns') !== xliffNamespace)
    errors.push({ field: 'body.xliff.xmlns', message: `must be ${xliffNamespace}` });
  if (attribute(root, 'version') !== '2.0')
    errors.push({ field: 'body.xliff.version', message: 'must be 2.0' });
  const srcLang = attribute(root, 'srcLang');
  const trgLang = attribute(root, 'trgLang');
  if (!srcLang) errors.push({ field: 'body.xliff.srcLang', message: 'is required' });
  if (!trgLang) errors.push({ field: 'body.xliff.trgLang', message: 'is required' });
  const files = nodes(root['file']);
  if (files.length === 0) errors.push({ field: 'body.xliff.file', message: 'is required' });
  if (errors.length > 0 || !srcLang || !trgLang) throw new XliffError(errors);
  const units = files.flatMap((file, fileIndex) => {
    const path = `body.xliff.file[${fileIndex}]`;
    const fileId = attribute(file, 'id');
    if (!fileId) throw new XliffError([{ field: `${path}.id`, message: 'is required' }]);
    if (file['group'] !== undefined) {
      throw new XliffError([{ field: `${path}.group`, message: 'is not supported' }]);
    }
    return nodes(file['unit']).map((unit, unitIndex) =>
      readUnit(unit, fileId, trgLang, `${path}.unit[${unitIndex}]`),
    );
  });
  return { srcLang, trgLang, units };
}
