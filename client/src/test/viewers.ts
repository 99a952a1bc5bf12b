import type { HoursAction, HoursEntry, Placement, PlacementAction, PlacementStatus } from '@launchpath/contracts';
import type { Api } from '../shared/api/client';

/**
 * A caller as the API describes them on a placement: the placement's allowedActions for them (by status) and each
 * hours entry's. Fixture data standing in for the server's answers (the server's rules are tested in the API suite).
 */
export interface Viewer {
  actions: (status: PlacementStatus) => PlacementAction[];
  entryActions: (entry: HoursEntry) => HoursAction[];
}

const underWay = (status: PlacementStatus) => status === 'active' || status === 'completed';

export const studentViewer: Viewer = {
  actions: (status) => [...(status === 'active' ? (['logHours'] as const) : []), ...(underWay(status) ? (['reflect'] as const) : []), 'readReflections'],
  entryActions: (entry) => (entry.status === 'approved' ? [] : ['edit', 'delete']),
};

export const supervisorViewer: Viewer = {
  actions: (status) => (underWay(status) ? ['evaluate'] : []),
  entryActions: (entry) => (entry.status === 'submitted' ? ['decide'] : []),
};

export const employerAdminViewer: Viewer = {
  actions: (status) => (underWay(status) ? ['evaluate'] : []),
  entryActions: (entry) => (entry.status === 'submitted' ? ['decide', 'createLink'] : []),
};

/** School staff who read (a teacher, a counselor): reflections, no actions. */
export const readingStaffViewer: Viewer = {
  actions: () => ['readReflections'],
  entryActions: () => [],
};

/** The placement as the viewer receives it. */
export function seenBy(viewer: Viewer, placement: Placement): Placement {
  return { ...placement, allowedActions: viewer.actions(placement.status) };
}

/** The Api as the viewer talks to it: the hours entries it returns carry the viewer's actions. */
export function apiSeenBy(viewer: Viewer, api: Api): Api {
  const stamp = (entry: HoursEntry): HoursEntry => ({ ...entry, allowedActions: viewer.entryActions(entry) });
  const seen = Object.create(api) as Api;
  seen.listHours = async (...args) => {
    const log = await api.listHours(...args);
    return { ...log, entries: log.entries.map(stamp) };
  };
  seen.logHours = async (...args) => stamp(await api.logHours(...args));
  seen.editHours = async (...args) => stamp(await api.editHours(...args));
  seen.decideHours = async (...args) => stamp(await api.decideHours(...args));
  return seen;
}
