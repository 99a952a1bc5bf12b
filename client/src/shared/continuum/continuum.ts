import type { ContinuumStage, Placement, PlacementStatus, StudentEvent } from '@launchpath/contracts';
import i18next from 'i18next';
import { translatedLabels } from '../i18n/i18n';
import { stageLabels, stages } from '../labels';

/** What each stage of the work-based learning continuum is, for students. */
export const stageDescriptions = translatedLabels<ContinuumStage>('stageDescription', {
  awareness: 'Learning about work: guest speakers, career fairs and worksite tours.',
  exploration: 'Learning about a career up close: job shadows, mentorships and informational interviews.',
  preparation: 'Learning through work: internships, service learning, school-based enterprises and simulated worksites.',
  training: 'Learning for work: apprenticeships, pre-apprenticeships and on-the-job training.',
});

/** Placements that count toward the continuum: approved by the school, under way or done. */
const counted: ReadonlySet<PlacementStatus> = new Set<PlacementStatus>(['approved', 'agreementPending', 'active', 'completed']);
/** Placements still being decided. */
const pending: ReadonlySet<PlacementStatus> = new Set<PlacementStatus>(['proposed', 'requested', 'accepted']);

export type StageState = 'completed' | 'underway' | 'pending' | 'notStarted';

export interface StageProgress {
  stage: ContinuumStage;
  state: StageState;
  /** The stage's placements that count or are pending (declined and withdrawn ones left out), newest first. */
  placements: Placement[];
  /** The events attended at this stage, newest first. */
  events: StudentEvent[];
  completed: number;
}

/** Each stage, awareness to training, with its placements, the events attended there, and how far the student got in it. */
export function progressByStage(placements: readonly Placement[], events: readonly StudentEvent[] = []): StageProgress[] {
  return stages.map((stage) => {
    const mine = placements
      .filter((p) => p.stage === stage && (counted.has(p.status) || pending.has(p.status)))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    // An event attended (a guest speaker, a tour) is the stage done, as the API's sequencing counts it.
    const attended = events.filter((e) => e.stage === stage && e.attendance === 'present' && !e.sessionCancelled);
    const completed = mine.filter((p) => p.status === 'completed').length + attended.length;
    const state: StageState =
      completed > 0 ? 'completed' : mine.some((p) => counted.has(p.status)) ? 'underway' : mine.length > 0 ? 'pending' : 'notStarted';
    return { stage, state, placements: mine, events: attended, completed };
  });
}

export const stageStateLabels = translatedLabels<StageState>('stageState', {
  completed: 'Completed',
  underway: 'Under way',
  pending: 'Waiting for a decision',
  notStarted: 'Not started',
});

export interface NextStep {
  /** The stage to aim for next, when there is one. */
  stage?: ContinuumStage;
  text: string;
  /** Said when the student went into an intensive experience without exploring first. */
  caution?: string;
}

/**
 * What comes next along the continuum (sequencing: explore a career before an intensive experience, then build on it):
 * the stage after the furthest one completed, exploration first for a student who has not explored yet. Worded for the
 * student ("you") or for staff ("the student").
 */
export function nextStep(progress: readonly StageProgress[], reader: 'student' | 'staff' = 'student'): NextStep {
  const say = (key: string) => i18next.t(`continuum.next.${key}.${reader}`, { stage: stageLabels.training.toLowerCase() });
  const reached = (stage: ContinuumStage) => progress.find((p) => p.stage === stage)?.state ?? 'notStarted';
  const furthest = Math.max(-1, ...progress.filter((p) => p.state === 'completed').map((p) => stages.indexOf(p.stage)));
  const explored = reached('exploration') === 'completed';
  const intensive = (['preparation', 'training'] as ContinuumStage[]).some((s) => reached(s) !== 'notStarted');
  const caution = intensive && !explored ? say('caution') : undefined;

  if (furthest < stages.indexOf('exploration')) {
    return { stage: 'exploration', text: say(reached('exploration') !== 'notStarted' ? 'finishExploring' : 'explore'), caution };
  }
  if (furthest === stages.length - 1) {
    return { text: say('done'), caution };
  }
  const next = stages[furthest + 1];
  return { stage: next, text: say(next === 'preparation' ? 'prepare' : 'train'), caution };
}
