/** The settings form generated from a node schema: field kinds, order, and what inputs give. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldValue, formFields, inputText, MAX_FIELDS } from './node-form-model.ts';

const schema = {
  type: 'object',
  properties: {
    mode: { anyOf: [{ const: 'fast' }, { const: 'slow' }], title: 'Mode', propertyOrder: 500 },
    choices: { type: 'array', items: { type: 'string' }, title: 'Choices', description: 'One per outcome.', propertyOrder: 100 },
    retries: { type: 'integer', title: 'Retries', propertyOrder: 200 },
    secret: { type: 'string', format: 'password', title: 'Secret', propertyOrder: 300 },
    enabled: { type: 'boolean', propertyOrder: 400 },
    header: { type: 'object', title: 'Header', propertyOrder: 600 },
    level: { type: 'string', enum: ['low', 'high'], title: 'Level', propertyOrder: 700 },
  },
  required: ['choices'],
};

describe('the node settings form', () => {
  it('makes one field per setting, in property order, of the right kind', () => {
    const fields = formFields(schema);
    assert.deepEqual(
      fields.map((field) => [field.key, field.kind, field.required]),
      [
        ['choices', 'strings', true],
        ['retries', 'number', false],
        ['secret', 'password', false],
        ['enabled', 'boolean', false],
        ['mode', 'choice', false],
        ['header', 'json', false],
        ['level', 'choice', false],
      ],
    );
    assert.deepEqual(fields[4]?.options, ['fast', 'slow']);
    assert.equal(fields[3]?.title, 'enabled', 'a setting without a title is named by its key');
  });

  it('reads hostile schemas without failing, and keeps at most MAX_FIELDS fields', () => {
    assert.deepEqual(formFields(null), []);
    assert.deepEqual(formFields({ properties: [] }), []);
    const many = Object.fromEntries(Array.from({ length: MAX_FIELDS + 5 }, (_, index) => [`f${index}`, { type: 'string' }]));
    assert.equal(formFields({ properties: many }).length, MAX_FIELDS);
    assert.deepEqual(formFields(JSON.parse('{"properties":{"__proto__":{"type":"string"}}}')).length, 1);
  });

  it('turns inputs into values: lines into lists, numbers checked, JSON parsed', () => {
    const [choices, retries, , , , header] = formFields(schema);
    assert.ok(choices !== undefined && retries !== undefined && header !== undefined);
    assert.deepEqual(fieldValue(choices, 'email\n\n sms \n'), { ok: true, value: ['email', 'sms'] });
    assert.equal(inputText(choices, ['email', 'sms']), 'email\nsms');
    assert.deepEqual(fieldValue(retries, '3'), { ok: true, value: 3 });
    assert.deepEqual(fieldValue(retries, 'three'), { ok: false, reason: 'Retries must be a number' });
    assert.deepEqual(fieldValue(header, '{"en":"Hi"}'), { ok: true, value: { en: 'Hi' } });
    assert.deepEqual(fieldValue(header, '{"en":'), { ok: false, reason: 'Header must be JSON' });
  });
});
