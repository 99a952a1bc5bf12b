import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CurrentCaller, Rubric } from '@launchpath/contracts';
import { fakeApi, member, organization, page } from '../../test/fakeApi';
import { problemOf } from '../../test/fixtures';
import { matchingSettings, rubric } from '../../test/outcomesFixtures';
import { renderWithApi } from '../../test/render';
import { RegionSettingsPage } from './RegionSettingsPage';

const region = organization({ type: 'region', name: 'Bay Valley' });
const convener: CurrentCaller = member(
  { organizationId: region.id, organizationName: region.name, organizationType: 'region', role: 'convenerStaff' },
  ['organizationsRead', 'opportunitiesCurate'],
);

function describedBy(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

describe('Matching settings', () => {
  it('saves changed weights for the convener’s region', async () => {
    const current = matchingSettings({ regionId: region.id, version: 3 });
    const saved = { ...current, weights: { ...current.weights, sequencing: 4 }, maxChoices: 6, version: 4 };
    const fake = fakeApi({
      listOrganizations: () => Promise.resolve(page([region])),
      getMatchingSettings: () => Promise.resolve(current),
      updateMatchingSettings: () => Promise.resolve(saved),
    });
    const { user } = renderWithApi(<RegionSettingsPage me={convener} path={[]} />, fake);
    const sequencing = await screen.findByLabelText('Sequencing');
    expect(fake.getMatchingSettings).toHaveBeenCalledWith(region.id, expect.any(AbortSignal));
    await user.clear(sequencing);
    await user.type(sequencing, '4');
    await user.clear(screen.getByLabelText('Choices per student'));
    await user.type(screen.getByLabelText('Choices per student'), '6');
    await user.click(screen.getByRole('button', { name: 'Save the matching settings' }));

    await screen.findByText(/^The matching settings are saved/);
    expect(fake.ifMatch).toHaveBeenCalledWith(3);
    expect(fake.updateMatchingSettings).toHaveBeenCalledWith(region.id, { weights: { ...current.weights, sequencing: 4 }, maxChoices: 6 });
    expect((screen.getByLabelText('Sequencing') as HTMLInputElement).value).toBe('4');
  });

  it('shows the API’s field errors beside the weights, and shows the newer version when the API refuses a stale one', async () => {
    const v3 = matchingSettings({ regionId: region.id, version: 3 });
    const v4 = { ...v3, weights: { ...v3.weights, pay: 9 }, version: 4 };
    let reads = 0;
    let saves = 0;
    const fake = fakeApi({
      listOrganizations: () => Promise.resolve(page([region])),
      // The page's load, then the reload after the API refuses a stale version.
      getMatchingSettings: () => Promise.resolve(++reads <= 1 ? v3 : v4),
      updateMatchingSettings: () =>
        Promise.reject(
          ++saves === 1
            ? problemOf(400, 'Invalid.', { 'weights.travel': ["'travel' must be between 0 and 100."] })
            : problemOf(412, 'The resource was changed by someone else since you read it.'),
        ),
    });
    const { user } = renderWithApi(<RegionSettingsPage me={convener} path={[]} />, fake);
    const interest = await screen.findByLabelText('Career interest');
    await user.clear(interest);
    await user.type(interest, '150');
    await user.click(screen.getByRole('button', { name: 'Save the matching settings' }));
    expect(describedBy(interest)).toContain('Enter a number from 0 to 100.');
    expect(document.activeElement).toBe(interest);
    expect(fake.updateMatchingSettings).not.toHaveBeenCalled();

    await user.clear(interest);
    await user.type(interest, '5');
    await user.click(screen.getByRole('button', { name: 'Save the matching settings' }));
    await waitFor(() => expect(describedBy(screen.getByLabelText('Travel'))).toContain("'travel' must be between 0 and 100."));

    await user.click(screen.getByRole('button', { name: 'Save the matching settings' }));
    await screen.findByText(/^Someone else changed these settings after you opened them/);
    expect(fake.ifMatch).toHaveBeenLastCalledWith(3);
    expect(fake.updateMatchingSettings).toHaveBeenCalledTimes(2);
    expect((screen.getByLabelText('Pay') as HTMLInputElement).value).toBe('9');
    expect((screen.getByLabelText('Career interest') as HTMLInputElement).value).toBe('3');
  });
});

describe('Evaluation rubric', () => {
  it('adds a criterion and a level, and saves the rubric', async () => {
    let sent: Rubric | undefined;
    const fake = fakeApi({
      listOrganizations: () => Promise.resolve(page([region])),
      getRubric: () => Promise.resolve(rubric({ version: 2 })),
      putRubric: (_id: string, body: Rubric) => {
        sent = body;
        return Promise.resolve({ ...body, version: 3 });
      },
    });
    const { user } = renderWithApi(<RegionSettingsPage me={convener} path={['rubric']} />, fake);
    expect(within(screen.getByRole('navigation', { name: 'Region settings' })).getByRole('link', { name: 'Evaluation rubric' }).getAttribute('aria-current')).toBe('page');
    await screen.findByDisplayValue('Works well with others');
    await user.click(screen.getByRole('button', { name: 'Add a level' }));
    await user.type(screen.getByLabelText('Level 5'), 'Exemplary');
    await user.click(screen.getByRole('button', { name: 'Add a criterion' }));
    expect((screen.getByLabelText('Criterion 3: category') as HTMLInputElement).value).toBe('Applied Workplace Skills');
    await user.type(screen.getByLabelText('Criterion 3: what is evaluated'), 'Uses tools safely');
    await user.click(screen.getByRole('button', { name: 'Remove criterion 1: Communicates clearly in speaking and writing' }));
    await user.click(screen.getByRole('button', { name: 'Save the rubric' }));

    await screen.findByText('The rubric is saved. New evaluations use it.');
    expect(fake.ifMatch).toHaveBeenCalledWith(2);
    expect(sent?.levels.at(-1)).toEqual({ level: 5, label: 'Exemplary' });
    expect(sent?.criteria.map((c) => c.id)).toEqual(['applied-teamwork', 'applied-workplace-skills-uses-tools-safely']);
  });

  it('puts the API’s errors beside the criteria and the scale', async () => {
    const fake = fakeApi({
      listOrganizations: () => Promise.resolve(page([region])),
      getRubric: () => Promise.resolve(rubric()),
      putRubric: () =>
        Promise.reject(problemOf(400, 'Invalid.', { 'Criteria[1].Description': ['Too long.'], Levels: ['Levels are numbered 1..n (2 to 6 levels).'] })),
    });
    const { user } = renderWithApi(<RegionSettingsPage me={convener} path={['rubric']} />, fake);
    await screen.findByDisplayValue('Works well with others');
    await user.click(screen.getByRole('button', { name: 'Save the rubric' }));
    const description = screen.getByLabelText('Criterion 2: what is evaluated');
    await waitFor(() => expect(describedBy(description)).toContain('Too long.'));
    expect(document.activeElement).toBe(description);
    expect(screen.getByText('Levels are numbered 1..n (2 to 6 levels).')).toBeTruthy();
  });

  it('shows the latest rubric when someone else saved one since the form opened (412)', async () => {
    let reads = 0;
    const fake = fakeApi({
      listOrganizations: () => Promise.resolve(page([region])),
      getRubric: () => Promise.resolve(++reads === 1 ? rubric({ version: 1 }) : rubric({ version: 2, name: 'Saved by a colleague' })),
      putRubric: () => Promise.reject(problemOf(412, 'The resource was changed by someone else since you read it.')),
    });
    const { user } = renderWithApi(<RegionSettingsPage me={convener} path={['rubric']} />, fake);
    await screen.findByDisplayValue('Works well with others');
    await user.click(screen.getByRole('button', { name: 'Save the rubric' }));
    await screen.findByText(/^Someone else changed the rubric after you opened it/);
    expect(fake.ifMatch).toHaveBeenCalledWith(1);
    await screen.findByDisplayValue('Saved by a colleague');
  });
});

describe('Work rules', () => {
  it('shows the region’s rule for the hours minors may work and saves California’s with the version read', async () => {
    const fake = fakeApi({
      listOrganizations: () => Promise.resolve(page([region])),
      getWorkRules: () => Promise.resolve({ regionId: region.id, minorHoursRule: 'federal' as const, version: 0 }),
      updateWorkRules: (_id, body) => Promise.resolve({ regionId: region.id, minorHoursRule: body.minorHoursRule, version: 1 }),
    });
    const { user } = renderWithApi(<RegionSettingsPage me={convener} path={['work-rules']} />, fake);
    const federal = await screen.findByRole('radio', { name: /^Federal \(29 CFR 570.35\)/ });
    expect((federal as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByRole('radio', { name: /^California \(Labor Code 1391\)/ }));
    await user.click(screen.getByRole('button', { name: 'Save the rule' }));
    await screen.findByText('Saved. Hours logged from now on are checked against this rule.');
    expect(fake.ifMatch).toHaveBeenCalledWith(0);
    expect(fake.updateWorkRules).toHaveBeenCalledWith(region.id, { minorHoursRule: 'california' });
  });
});
