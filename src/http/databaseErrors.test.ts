import { describe, expect, it } from 'vitest';
import { problemFromDatabase } from './databaseErrors.ts';

const pgError = (fields: { code: string; message?: string; detail?: string; table?: string; constraint?: string }) => ({ message: 'refused', ...fields });

describe('database errors as problems', () => {
  it('names the field of a reference to nothing, from the detail or, hidden by row level security, from the constraint', () => {
    const visible = problemFromDatabase(pgError({ code: '23503', detail: 'Key (municipality_id, district_id)=(x, y) is not present in table "district".' }));
    const hidden = problemFromDatabase(pgError({ code: '23503', detail: 'Key is not present in table "district".', table: 'person', constraint: 'person_municipality_id_district_id_fkey' }));
    for (const problem of [visible, hidden]) {
      expect(problem?.kind).toBe('validation');
      expect(problem?.details.fields).toEqual([{ field: 'districtId', message: 'refers to something that does not exist in your municipality' }]);
    }
  });

  it('answers a duplicate with 409, as the use case’s own check would', () => {
    const problem = problemFromDatabase(pgError({ code: '23505', table: 'service_catalogue_version', constraint: 'service_catalogue_version_municipality_id_effective_from_key' }));
    expect(problem?.kind).toBe('conflict');
    expect(problem?.details.fields?.[0]?.field).toBe('effectiveFrom');
  });

  it('answers a value the database cannot hold with 400, and leaves every other error a 500', () => {
    expect(problemFromDatabase(pgError({ code: '22008', message: 'date/time field value out of range: "0000-01-01"' }))?.message).toContain('0000-01-01');
    expect(problemFromDatabase(pgError({ code: '23503', detail: 'Key (id)=(x) is still referenced from table "case_file".' }))).toBeNull();
    expect(problemFromDatabase(pgError({ code: '42P01' }))).toBeNull();
    expect(problemFromDatabase(pgError({ code: '40P01' }))).toBeNull();
  });
});
