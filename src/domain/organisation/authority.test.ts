import { describe, expect, it } from 'vitest';
import { authorise, permissionFor, type Actor } from './authority.ts';
import { policyInForce, type PolicyVersion } from './policy.ts';
import { routeRequest } from './routing.ts';
import { ALLOCATION_BOARD, PURCHASER_PROVIDER, TRUST_MODEL } from './templates.ts';

const version = (rules: PolicyVersion['rules'], effectiveFrom = '2020-01-01', districtId: string | null = null): PolicyVersion => ({
  id: `${rules.model}-${effectiveFrom}-${districtId}`,
  districtId,
  serviceCode: null,
  effectiveFrom,
  rules,
});

const office = { id: 'u-office', name: 'Tildelingskontoret', kind: 'allocation_office' as const };
const provider = { id: 'u-home', name: 'Hjemmetjenesten øst', kind: 'municipal_provider' as const };
const team = { id: 'u-team', name: 'Team Nord', kind: 'interdisciplinary_team' as const };
const caseworker: Actor = { staffId: 's1', roles: ['caseworker'], units: [office] };
const colleague: Actor = { staffId: 's2', roles: ['caseworker'], units: [office] };
const providerStaff: Actor = { staffId: 's3', roles: ['provider_staff'], units: [provider] };
const teamMember: Actor = { staffId: 's4', roles: ['team_member'], units: [team] };

const pp = version(PURCHASER_PROVIDER);

describe('authorise under purchaser–provider', () => {
  it('lets a caseworker in the allocation office decide, and says which grant allowed it', () => {
    const r = authorise(pp, caseworker, { permission: 'decide', serviceCode: 'practical_help', institutional: false, hoursPerWeek: 3, form: 'time_fixed' });
    expect(r).toMatchObject({ ok: true, grant: { label: 'caseworkers in the allocation office' } });
  });

  it('refuses a provider who assesses, explaining the model, who may, and the proposal route', () => {
    const r = authorise(pp, providerStaff, { permission: 'assess', serviceCode: 'home_nursing', institutional: false });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.rule).toBe('grant.assess');
    expect(r.message).toContain('the purchaser–provider model');
    expect(r.message).toContain('caseworkers in the allocation office');
    expect(r.message).toContain('change_proposed');
    expect(r.mayInstead).toEqual(['caseworkers in the allocation office']);
  });

  it('refuses anyone deciding or ordering a service that funds their own unit', () => {
    const both: Actor = { staffId: 's5', roles: ['caseworker'], units: [office, provider] };
    const r = authorise(pp, both, { permission: 'order', serviceCode: 'home_nursing', institutional: false, fundsUnitId: provider.id });
    expect(r).toMatchObject({ ok: false, rule: 'separation_of_duties' });
    if (!r.ok) expect(r.message).toContain('Hjemmetjenesten øst');
    expect(authorise(pp, caseworker, { permission: 'order', serviceCode: 'home_nursing', institutional: false, fundsUnitId: provider.id }).ok).toBe(true);
  });

  it('refuses a decision form the policy does not allow for the service', () => {
    const r = authorise(pp, caseworker, { permission: 'decide', serviceCode: 'practical_help', institutional: false, hoursPerWeek: 2, form: 'frame' });
    expect(r).toMatchObject({ ok: false, rule: 'decision_form' });
    if (!r.ok) expect(r.message).toContain('time_fixed');
  });

  it('needs a second person for an increase above the threshold, at the boundary exactly', () => {
    const at = (hours: number, coSigner: Actor | null) =>
      authorise(pp, caseworker, { permission: 'decide', serviceCode: 'home_nursing', institutional: false, hoursPerWeek: hours, previousHoursPerWeek: 2, coSigner });
    expect(at(12, null).ok).toBe(true); // +10: not above 10
    expect(at(12.5, null)).toMatchObject({ ok: false, rule: 'second_person' });
    expect(at(12.5, caseworker)).toMatchObject({ ok: false, rule: 'second_person' }); // not oneself
    expect(at(12.5, providerStaff)).toMatchObject({ ok: false, rule: 'second_person' }); // must be a decider
    expect(at(12.5, colleague).ok).toBe(true);
  });
});

describe('authorise under other models', () => {
  it('lets a team member adjust within the frame under the trust model, but not under purchaser–provider', () => {
    const req = { permission: 'adjust_within_frame' as const, serviceCode: 'home_nursing', institutional: false };
    expect(authorise(version(TRUST_MODEL), teamMember, req).ok).toBe(true);
    expect(authorise(pp, teamMember, req)).toMatchObject({ ok: false, message: expect.stringContaining('nobody') });
  });

  it('gives the decision to board members in the board unit under the board model', () => {
    const board = { id: 'u-board', name: 'Tildelingsrådet', kind: 'allocation_board' as const };
    const member: Actor = { staffId: 'b1', roles: ['board_member'], units: [board] };
    const req = { permission: 'decide' as const, serviceCode: 'home_nursing', institutional: false, hoursPerWeek: 4 };
    expect(authorise(version(ALLOCATION_BOARD), member, req).ok).toBe(true);
    expect(authorise(version(ALLOCATION_BOARD), caseworker, req)).toMatchObject({ ok: false, mayInstead: ['the allocation board, in a meeting'] });
  });

  it('maps ordering to the decide grant where no order step exists', () => {
    expect(permissionFor('service_arranged', true)).toBe('order');
    expect(permissionFor('service_arranged', false)).toBe('decide');
    expect(permissionFor('note_added', true)).toBeNull();
  });
});

describe('policyInForce', () => {
  const versions = [
    version(PURCHASER_PROVIDER, '2020-01-01'),
    version(TRUST_MODEL, '2026-06-01', 'd-east'),
    version(ALLOCATION_BOARD, '2027-01-01'),
  ];
  it('picks the district version from its date, and the municipality version elsewhere and before', () => {
    expect(policyInForce(versions, { districtId: 'd-east', serviceCode: null }, '2026-05-31')?.rules.model).toBe('purchaser_provider');
    expect(policyInForce(versions, { districtId: 'd-east', serviceCode: null }, '2026-06-01')?.rules.model).toBe('trust_model');
    expect(policyInForce(versions, { districtId: 'd-west', serviceCode: null }, '2026-06-01')?.rules.model).toBe('purchaser_provider');
    expect(policyInForce(versions, { districtId: 'd-west', serviceCode: null }, '2027-01-01')?.rules.model).toBe('allocation_board');
    expect(policyInForce(versions, { districtId: 'd-west', serviceCode: null }, '2019-12-31')).toBeNull();
  });
});

describe('routeRequest', () => {
  const units = [
    { id: 't-n', name: 'Team Nord', kind: 'interdisciplinary_team' as const, districtId: 'north' },
    { id: 't-s', name: 'Team Sør', kind: 'interdisciplinary_team' as const, districtId: 'south' },
    { id: 'o', name: 'Tildelingskontoret', kind: 'allocation_office' as const, districtId: null },
  ];
  it("sends a request to the team of the person's district, or to the office", () => {
    expect(routeRequest('geographic_team', 'south', units)).toEqual({ unitId: 't-s', rule: "Routed to Team Sør: the team of the person's district." });
    expect(routeRequest('allocation_office', 'south', units).unitId).toBe('o');
    expect(routeRequest('allocation_board', 'south', units)).toMatchObject({ unitId: null, rule: expect.stringContaining('unowned') });
  });
});
