import { describe, expect, it } from 'vitest';
import { readXliff, writeXliff, XliffError, type XliffDocument } from './xliff.js';

const hash = 'a'.repeat(64);

function document(units: XliffDocument['files'][number]['units']): XliffDocument {
  return { srcLang: 'de', trgLang: 'ar', files: [{ id: 'offer:cafe', name: 'Café', units }] };
}

function fieldsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof XliffError) return error.errors.map((e) => e.field);
    throw error;
  }
  throw new Error('expected an XliffError');
}

const wrap = (body: string, root = 'xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"') =>
  `<?xml version="1.0" encoding="UTF-8"?><xliff ${root} srcLang="de" trgLang="ar">${body}</xliff>`;

describe('writing and reading XLIFF 2.0', () => {
  it('reads back what it wrote: texts, states and source hashes', () => {
    const written = writeXliff(
      document([
        {
          id: 'title',
          source: 'Sprachcafé',
          target: 'مقهى اللغة',
          sourceHash: hash,
          state: 'reviewed',
        },
        {
          id: 'summary',
          source: 'Jeden Mittwoch',
          target: null,
          sourceHash: hash,
          state: 'initial',
        },
        {
          id: 'services.beratung.name',
          source: 'Beratung',
          target: 'استشارة',
          sourceHash: 'b'.repeat(64),
          state: 'translated',
        },
      ]),
    );
    expect(written).toContain('xmlns="urn:oasis:names:tc:xliff:document:2.0"');
    expect(written).toContain('<file id="offer:cafe">');
    const read = readXliff(written);
    expect(read.srcLang).toBe('de');
    expect(read.trgLang).toBe('ar');
    expect(read.units).toEqual([
      {
        fileId: 'offer:cafe',
        unitId: 'title',
        target: 'مقهى اللغة',
        sourceHash: hash,
        state: 'reviewed',
      },
      { fileId: 'offer:cafe', unitId: 'summary', target: null, sourceHash: hash, state: 'initial' },
      {
        fileId: 'offer:cafe',
        unitId: 'services.beratung.name',
        target: 'استشارة',
        sourceHash: 'b'.repeat(64),
        state: 'translated',
      },
    ]);
  });

  it('escapes markup characters in texts and keeps them exactly', () => {
    const tricky = 'A & B <b>fett</b> "zitiert" \'x\' ]]> &amp; already\nzweite Zeile\r\nCRLF';
    const written = writeXliff(
      document([{ id: 'title', source: tricky, target: tricky, sourceHash: hash, state: 'final' }]),
    );
    expect(written).not.toContain('<b>');
    expect(written).toContain('&lt;b&gt;fett&lt;/b&gt;');
    expect(written).toContain('&amp;amp; already');
    expect(readXliff(written).units[0]!.target).toBe(tricky);
  });

  it('keeps right-to-left text with its direction marks, and combining characters as they are', () => {
    // Persian with a zero-width non-joiner and a right-to-left mark; a decomposed "é" (e + U+0301)
    // and Arabic with harakat: none of it may be normalised or reordered.
    const persian = 'می‌خواهم\u200F (۱۲۳)';
    const decomposed = 'Cafe\u0301 für alle';
    const harakat = 'مَقْهَى';
    const written = writeXliff(
      document([
        { id: 'title', source: decomposed, target: persian, sourceHash: hash, state: 'translated' },
        {
          id: 'summary',
          source: decomposed,
          target: harakat,
          sourceHash: hash,
          state: 'translated',
        },
      ]),
    );
    const [title, summary] = readXliff(written).units;
    expect(title!.target).toBe(persian);
    expect(summary!.target).toBe(harakat);
    expect(written).toContain(decomposed);
    expect(written).not.toContain(decomposed.normalize('NFC'));
  });

  it('decodes character references and CDATA in targets', () => {
    const read = readXliff(
      wrap(
        `<file id="offer:cafe"><unit id="title"><notes><note category="source-hash">${hash}</note></notes>` +
          '<segment state="translated"><source>x</source><target>&#x645;&#1602; <![CDATA[<ok>]]> &amp;lt;</target></segment></unit></file>',
      ),
    );
    expect(read.units[0]!.target).toBe('مق <ok> &lt;');
  });

  it('marks units it cannot use instead of guessing', () => {
    const read = readXliff(
      wrap(
        '<file id="offer:cafe">' +
          '<unit id="markup"><segment><source>x</source><target>a <ph id="1"/> b</target></segment></unit>' +
          '<unit id="split"><segment><source>a</source></segment><segment><source>b</source></segment></unit>' +
          '<unit id="lang"><segment><source>a</source><target xml:lang="fa">ب</target></segment></unit>' +
          '</file>',
      ),
    );
    expect(read.units.map((u) => [u.unitId, u.problem?.reason, u.sourceHash])).toEqual([
      ['markup', 'unsupported-content', null],
      ['split', 'unsupported-content', null],
      ['lang', 'invalid-language', null],
    ]);
  });
});

describe('refusing documents it cannot read', () => {
  it('refuses XML that is not well-formed, naming where', () => {
    expect(() => readXliff('<xliff><file></xliff>')).toThrow(/line 1/);
    expect(fieldsOf(() => readXliff('not xml at all'))).toEqual(['body']);
  });

  it('refuses a DOCTYPE, so no entity is ever expanded (XXE, billion laughs)', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${wrap('<file id="offer:cafe"><unit id="title"><segment><source>&e;</source></segment></unit></file>')}`;
    expect(fieldsOf(() => readXliff(xxe))).toEqual(['body']);
    expect(() => readXliff(xxe)).toThrow(/DOCTYPE/);
  });

  it('refuses XLIFF 1.2, other namespaces and missing languages, naming each attribute', () => {
    expect(
      fieldsOf(() =>
        readXliff(
          wrap(
            '<file id="a"><unit id="b"/></file>',
            'xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"',
          ),
        ),
      ),
    ).toEqual(['body.xliff.xmlns', 'body.xliff.version']);
    expect(
      fieldsOf(() =>
        readXliff('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"></xliff>'),
      ),
    ).toEqual(['body.xliff.srcLang', 'body.xliff.trgLang', 'body.xliff.file']);
    expect(fieldsOf(() => readXliff('<html><body/></html>'))).toEqual(['body']);
  });

  it('refuses units without an id and unknown segment states, naming the unit', () => {
    expect(
      fieldsOf(() =>
        readXliff(
          wrap('<file id="offer:cafe"><unit><segment><source>a</source></segment></unit></file>'),
        ),
      ),
    ).toEqual(['body.xliff.file[0].unit[0].id']);
    expect(
      fieldsOf(() =>
        readXliff(
          wrap(
            '<file id="offer:cafe"><unit id="a"/><unit id="title"><segment state="done"><source>a</source></segment></unit></file>',
          ),
        ),
      ),
    ).toEqual(['body.xliff.file[0].unit[1].segment.state']);
  });
});
