import { describe, expect, it } from 'vitest';
import type { StudentEvent } from '@launchpath/contracts';
import { placement } from '../../test/placementFixtures';
import { nextStep, progressByStage } from './continuum';

const states = (placements: Parameters<typeof progressByStage>[0]) => progressByStage(placements).map((p) => [p.stage, p.state]);

describe('Progress along the continuum', () => {
  it('files placements by stage, in continuum order, leaving declined and withdrawn ones out', () => {
    const progress = progressByStage([
      placement({ id: 'a', stage: 'exploration', status: 'completed' }),
      placement({ id: 'b', stage: 'exploration', status: 'active', createdAt: '2026-03-01T00:00:00Z' }),
      placement({ id: 'c', stage: 'preparation', status: 'requested' }),
      placement({ id: 'd', stage: 'training', status: 'withdrawn' }),
      placement({ id: 'e', stage: 'awareness', status: 'declined' }),
    ]);
    expect(progress.map((p) => [p.stage, p.state, p.placements.map((x) => x.id)])).toEqual([
      ['awareness', 'notStarted', []],
      ['exploration', 'completed', ['b', 'a']],
      ['preparation', 'pending', ['c']],
      ['training', 'notStarted', []],
    ]);
    expect(progress[1].completed).toBe(1);
    expect(states([placement({ stage: 'training', status: 'agreementPending' })])[3]).toEqual(['training', 'underway']);
  });

  it('asks a student who has not explored to explore first', () => {
    const step = nextStep(progressByStage([placement({ stage: 'awareness', status: 'completed' })]));
    expect(step.stage).toBe('exploration');
    expect(step.text).toMatch(/^Explore a career/);
    expect(step.caution).toBeUndefined();
    expect(nextStep(progressByStage([placement({ stage: 'exploration', status: 'active' })])).text).toMatch(/^Finish your career exploration/);
  });

  it('cautions about an intensive experience without an exploration', () => {
    const step = nextStep(progressByStage([placement({ stage: 'training', status: 'active' })]), 'staff');
    expect(step.stage).toBe('exploration');
    expect(step.caution).toMatch(/^The student has an intensive experience without a completed exploration/);
  });

  it('moves on to the stage after the furthest one completed', () => {
    expect(nextStep(progressByStage([placement({ stage: 'exploration', status: 'completed' })])).stage).toBe('preparation');
    expect(nextStep(progressByStage([placement({ stage: 'exploration', status: 'completed' }), placement({ stage: 'preparation', status: 'completed' })])).stage).toBe('training');
    const done = nextStep(progressByStage([placement({ stage: 'exploration', status: 'completed' }), placement({ stage: 'training', status: 'completed' })]));
    expect(done.stage).toBeUndefined();
    expect(done.text).toMatch(/^You have completed career training/);
  });

  it('counts an event attended as its stage done, and one missed, waited for or cancelled as nothing', () => {
    const event = (overrides: Partial<StudentEvent>): StudentEvent => ({
      sessionId: 'session-1',
      opportunityId: 'op-1',
      opportunityTitle: 'Wind farm worksite tour',
      employerName: 'Valley Wind',
      type: 'worksiteTour',
      stage: 'exploration',
      careerCluster: 'energyNaturalResources',
      startsAt: '2026-11-03T17:00:00Z',
      endsAt: '2026-11-03T19:00:00Z',
      status: 'registered',
      attendance: 'present',
      sessionCancelled: false,
      ...overrides,
    });
    const progress = progressByStage([], [event({}), event({ sessionId: 's-2', stage: 'awareness', attendance: 'absent' }), event({ sessionId: 's-3', stage: 'awareness', status: 'waitlisted', attendance: undefined })]);
    expect(progress.find((p) => p.stage === 'exploration')).toMatchObject({ state: 'completed', completed: 1 });
    expect(progress.find((p) => p.stage === 'exploration')!.events.map((e) => e.sessionId)).toEqual(['session-1']);
    expect(progress.find((p) => p.stage === 'awareness')).toMatchObject({ state: 'notStarted', events: [] });
    expect(nextStep(progress).stage).toBe('preparation');
    expect(progressByStage([], [event({ sessionCancelled: true })]).find((p) => p.stage === 'exploration')!.state).toBe('notStarted');
  });
});
