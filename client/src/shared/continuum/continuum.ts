import type { ContinuumStage, Placement, PlacementStatus } from '@launchpath/contracts';
import { stageLabels, stages } from '../labels';

/** What each stage of the work-based learning continuum is, for students. */
export const stageDescriptions: Record<ContinuumStage, string> = {
  awareness: 'Learning about work: guest speakers, career fairs and worksite tours.',
  exploration: 'Learning about a career up close: job shadows, mentorships and informational interviews.',
  preparation: 'Learning through work: internships, service learning, school-based enterprises and simulated worksites.',
  training: 'Learning for work: apprenticeships, pre-apprenticeships and on-the-job training.',
};

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
  completed: number;
}

/** Each stage, awareness to training, with its placements and how far the student got in it. */
export function progressByStage(placements: readonly Placement[]): StageProgress[] {
  return stages.map((stage) => {
    const mine = placements
      .filter((p) => p.stage === stage && (counted.has(p.status) || pending.has(p.status)))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const completed = mine.filter((p) => p.status === 'completed').length;
    const state: StageState =
      completed > 0 ? 'completed' : mine.some((p) => counted.has(p.status)) ? 'underway' : mine.length > 0 ? 'pending' : 'notStarted';
    return { stage, state, placements: mine, completed };
  });
}

export const stageStateLabels: Record<StageState, string> = {
  completed: 'Completed',
  underway: 'Under way',
  pending: 'Waiting for a decision',
  notStarted: 'Not started',
};

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
  const say = (student: string, staff: string) => (reader === 'student' ? student : staff);
  const reached = (stage: ContinuumStage) => progress.find((p) => p.stage === stage)?.state ?? 'notStarted';
  const furthest = Math.max(-1, ...progress.filter((p) => p.state === 'completed').map((p) => stages.indexOf(p.stage)));
  const explored = reached('exploration') === 'completed';
  const intensive = (['preparation', 'training'] as ContinuumStage[]).some((s) => reached(s) !== 'notStarted');
  const caution =
    intensive && !explored
      ? say(
          'Intensive experiences go best after exploring the career first: a job shadow or informational interview helps you get the most from them.',
          'The student has an intensive experience without a completed exploration: a job shadow or informational interview first helps them get the most from it.',
        )
      : undefined;

  if (furthest < stages.indexOf('exploration')) {
    const started = reached('exploration') !== 'notStarted';
    return {
      stage: 'exploration',
      text: started
        ? say(
            'Finish your career exploration: it opens the way to internships and other experiences that prepare you for work.',
            'Finish the career exploration under way: it opens the way to internships and other experiences that prepare for work.',
          )
        : say(
            'Explore a career that interests you: a job shadow, a mentorship or an informational interview. Exploring comes before internships and other intensive experiences.',
            'Explore a career of interest: a job shadow, a mentorship or an informational interview. Exploring comes before internships and other intensive experiences.',
          ),
      caution,
    };
  }
  if (furthest === stages.length - 1) {
    return {
      text: say(
        `You have completed ${stageLabels.training.toLowerCase()}. Keep building: more hours, a credential, or another career you are curious about.`,
        `The student has completed ${stageLabels.training.toLowerCase()}. Next: more hours, a credential, or another career of interest.`,
      ),
      caution,
    };
  }
  const next = stages[furthest + 1];
  const text =
    next === 'preparation'
      ? say(
          'Build on what you explored with an experience that prepares you for work: an internship, service learning or a school-based enterprise.',
          'Build on the exploration with an experience that prepares for work: an internship, service learning or a school-based enterprise.',
        )
      : say(
          'You are ready for career training: an apprenticeship, a pre-apprenticeship or on-the-job training in your field.',
          'Ready for career training: an apprenticeship, a pre-apprenticeship or on-the-job training in the field.',
        );
  return { stage: next, text, caution };
}
