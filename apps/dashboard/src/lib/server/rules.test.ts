import { rawData } from '@ankommen/data-karlsruhe';
import { describe, expect, it } from 'vitest';
import {
  describeCondition,
  describeOutcome,
  jsonSyntaxError,
  personaErrors,
  personaFromFields,
  ruleErrors,
  ruleFields,
  ruleFromFields,
  withRule,
  type Rule,
  type RuleSet,
} from './rules';

const ruleSet = rawData.rules as unknown as RuleSet;
const r03 = ruleSet.rules.find((rule) => rule.id === 'R03')!;

describe('conditions in German', () => {
  it('nests all, any and not as sentences', () => {
    const sentence = describeCondition({
      all: [
        { fact: 'residence', op: 'eq', value: 'karlsruhe_city' },
        {
          any: [
            { not: { fact: 'in_lea', op: 'answered' } },
            { fact: 'age', op: 'between', value: [15, 66] },
            { fact: 'has_id_documents', op: 'eq', value: true },
          ],
        },
        { not: { fact: 'status', op: 'in', value: ['visitor', 'student'] } },
      ],
    });
    expect(sentence.text).toBe('Alle diese Bedingungen treffen zu:');
    expect(sentence.parts![0]!.text).toBe('Der Wohnort ist „Stadt Karlsruhe“.');
    expect(sentence.parts![1]!.parts!.map((p) => p.text)).toEqual([
      'Die Unterbringung in der Landeserstaufnahme (LEA) ist nicht beantwortet.',
      'Das Alter liegt zwischen 15 und 66.',
      'Ausweisdokumente: ja.',
    ]);
    expect(sentence.parts![2]).toEqual({
      text: 'Nicht zutreffend ist:',
      parts: [{ text: 'Der Aufenthaltsstatus ist eines von: „visitor“, „student“.' }],
    });
  });

  it('describes every condition of the Karlsruhe rules without falling back to codes', () => {
    const texts: string[] = [];
    const collect = (s: ReturnType<typeof describeCondition>) => {
      texts.push(s.text);
      s.parts?.forEach(collect);
    };
    ruleSet.rules.forEach((rule) => collect(describeCondition(rule.when)));
    expect(texts.filter((t) => /^„[a-z_]+“ /.test(t))).toEqual([]);
  });

  it('names steps with their order, deadline and documents', () => {
    expect(describeOutcome(r03.then[1]!)).toBe(
      'Schritt „auslaenderbehoerde_karlsruhe“ · nach „buergerbuero“ · Unterlagen: passport, meldebestaetigung',
    );
    expect(describeOutcome({ exclude: 'jobcenter' })).toContain('Ausschluss');
  });
});

describe('the rule form', () => {
  it('gives back the same rule when nothing is changed', () => {
    const fields = ruleFields(r03, 3);
    expect(fields.outcomes).toHaveLength(r03.then.length + 1);
    const result = ruleFromFields(fields, r03);
    expect('rule' in result && result.rule).toEqual({
      ...r03,
      then: r03.then.map((o) => ({ after: [], documents: [], optional: false, ...o })),
    });
  });

  it('marks a changed German text as the staff’s own, and fills an added row', () => {
    const fields = ruleFields(r03, 3);
    fields.becauseDe = 'Neue Begründung.';
    fields.outcomes[2] = {
      ...fields.outcomes[2]!,
      target: 'mbe',
      optional: true,
      documents: 'passport,  meldebestaetigung',
    };
    const result = ruleFromFields(fields, r03);
    if (!('rule' in result)) throw new Error('expected a rule');
    expect(result.rule.because.de).toEqual({ text: 'Neue Begründung.', status: 'source' });
    expect(result.rule.because.en).toEqual(r03.because.en);
    expect(result.rule.then[2]).toEqual({
      step: 'mbe',
      after: [],
      documents: ['passport', 'meldebestaetigung'],
      optional: true,
    });
  });

  it('refuses broken JSON and a bad position before the API sees them', () => {
    const fields = {
      ...ruleFields(r03, 3),
      when: '{\n  "fact": "age"\n  "op": "eq"\n}',
      position: '0',
    };
    const result = ruleFromFields(fields, r03);
    expect('errors' in result && result.errors.when).toMatch(
      /^Kein gültiges JSON \(Zeile 3, Spalte 3\)/,
    );
    expect('errors' in result && result.errors.position).toBeTruthy();
  });

  it('moves a rule to its new position', () => {
    const rule = { ...r03, id: 'R03' } as Rule;
    const moved = withRule(ruleSet, 2, rule, 1);
    expect(moved.index).toBe(0);
    expect(moved.ruleSet.rules.map((r) => r.id).slice(0, 3)).toEqual(['R03', 'R01', 'R02']);
    expect(moved.ruleSet.rules).toHaveLength(ruleSet.rules.length);
    const added = withRule(ruleSet, undefined, { ...rule, id: 'R99' }, 999);
    expect(added.index).toBe(ruleSet.rules.length);
  });

  it('puts the API’s errors at the form field, by the row the editor typed them in', () => {
    const errors = ruleErrors(
      [
        { field: 'body.ruleSet.rules.4.when.all.0.op', message: 'bad operator' },
        { field: 'body.ruleSet.rules.4.then.1.documents.0', message: 'unknown document x' },
        { field: 'body.ruleSet.rules.4.then.0.deadline.text.en.text', message: 'empty' },
        { field: 'body.ruleSet.rules.4.because.de.text', message: 'must not be empty' },
        { field: 'body.ruleSet.rules.9.id', message: 'duplicate rule id R03' },
      ],
      4,
      [0, 2],
    );
    expect(errors).toEqual({
      when: 'ruleSet.rules.4.when.all.0.op: bad operator',
      'then.2.documents': 'ruleSet.rules.4.then.1.documents.0: unknown document x',
      'then.0.deadline.en': 'ruleSet.rules.4.then.0.deadline.text.en.text: empty',
      'because.de': 'ruleSet.rules.4.because.de.text: must not be empty',
      form: 'ruleSet.rules.9.id: duplicate rule id R03',
    });
  });
});

describe('the persona form', () => {
  it('builds a persona with its expectations and date', () => {
    const result = personaFromFields({
      id: 'x1',
      label: ' Jemand ',
      profile: '{"age": 30}',
      mustInclude: 'buergerbuero, mbe',
      mustNotInclude: '',
      date: '2026-11-25',
    });
    expect(result).toEqual({
      persona: {
        id: 'x1',
        description: 'Jemand',
        profile: { age: 30 },
        date: '2026-11-25',
        expected: { must_include: ['buergerbuero', 'mbe'], must_not_include: [] },
      },
    });
  });

  it('names the profile when its JSON is broken, and maps the API’s paths', () => {
    const broken = personaFromFields({
      id: 'x1',
      label: 'x',
      profile: '{"age": }',
      mustInclude: '',
      mustNotInclude: '',
      date: '',
    });
    expect('errors' in broken && broken.errors.profile).toContain('Kein gültiges JSON');
    expect(
      personaErrors(
        [
          { field: 'body.personas.61.profile.shoe_size', message: 'is not a known field' },
          { field: 'body.personas.61.expected.must_include.0', message: 'invalid id' },
          { field: 'body.personas.61.description', message: 'too short' },
        ],
        61,
      ),
    ).toEqual({
      profile: 'personas.61.profile.shoe_size: is not a known field',
      must_include: 'personas.61.expected.must_include.0: invalid id',
      label: 'personas.61.description: too short',
    });
  });

  it('tells where a JSON syntax error is', () => {
    const source = '{\n  "a": 1,\n  "b" 2\n}';
    let problem: unknown;
    try {
      JSON.parse(source);
    } catch (caught) {
      problem = caught;
    }
    expect(jsonSyntaxError(source, problem)).toMatch(/Zeile 3, Spalte 7/);
  });
});
