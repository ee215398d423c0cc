import Ajv from 'ajv';
import { expect } from 'vitest';
import { readProjectJson } from './project';

/** SchemaStore's workflow schema (see test/packaging/schemas/README.md for where it comes from). */
export function workflowValidator() {
  const schema = readProjectJson<{ $schema: string }>('test/packaging/schemas/github-workflow.schema.json');
  expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  return new Ajv({ allErrors: true, strict: false }).compile(schema);
}
