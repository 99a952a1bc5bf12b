// The convener's routine jobs, each a function over the generated client so that tests can call them directly.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { FileParameter, LaunchPathClient, MatchRound, Opportunity, OpportunityFields, RosterImport, RosterMode } from '@launchpath/contracts';

const rosterFiles = new Set(['manifest.csv', 'orgs.csv', 'users.csv', 'roles.csv', 'demographics.csv']);

/** Uploads a OneRoster CSV set (a folder of CSV files, or a zip) for a district and waits for the import to finish. */
export async function importRoster(
  client: LaunchPathClient,
  districtId: string,
  path: string,
  options: { mode?: RosterMode; preview?: boolean; onProgress?: (job: RosterImport) => void; timeoutMs?: number } = {},
): Promise<RosterImport> {
  const files: FileParameter[] = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((name) => rosterFiles.has(name))
        .map((name) => ({ data: new Blob([readFileSync(join(path, name))], { type: 'text/csv' }), fileName: name }))
    : [{ data: new Blob([readFileSync(path)], { type: extname(path) === '.zip' ? 'application/zip' : 'text/csv' }), fileName: basename(path) }];
  if (files.length === 0) throw new Error(`No OneRoster CSV files in ${path}.`);

  let job = await client.startRosterImport(districtId, options.mode, options.preview, files);
  const deadline = Date.now() + (options.timeoutMs ?? 10 * 60_000);
  while ((job.status === 'queued' || job.status === 'running') && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    job = await client.getRosterImport(job.id);
    options.onProgress?.(job);
  }
  return job;
}

/** Drafts each opportunity for the employer, submits it, and (when the key may curate) approves it. */
export async function postOpportunities(
  client: LaunchPathClient,
  employerId: string,
  opportunities: OpportunityFields[],
  options: { approve?: boolean } = {},
): Promise<Opportunity[]> {
  const posted: Opportunity[] = [];
  for (const fields of opportunities) {
    const draft = await client.createOpportunity({ employerId, fields });
    let current = await client.submitOpportunity(draft.id);
    if (options.approve) current = await client.approveOpportunity(draft.id);
    posted.push(current);
  }
  return posted;
}

/** Every opportunity the key can see with the given status, following the cursor. */
export async function listOpportunities(client: LaunchPathClient, status?: Opportunity['status']): Promise<Opportunity[]> {
  const all: Opportunity[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.searchOpportunities(status, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, 200, cursor);
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

export function formatImport(job: RosterImport): string {
  const lines = [`Roster import ${job.id}: ${job.status} (${job.mode}, ${job.processedRows}/${job.totalRows} rows)`];
  if (job.counts) {
    const c = job.counts;
    lines.push(
      `  schools: ${c.schoolsCreated} created, ${c.schoolsUpdated} updated; people: ${c.peopleCreated} created, ${c.peopleUpdated} updated, ` +
        `${c.peopleUnchanged} unchanged, ${c.peopleDeactivated} deactivated; ${c.rowsSkipped} rows skipped; ${c.guardianLinks} guardian links`,
    );
  }
  for (const note of job.notes ?? []) lines.push(`  ${note}`);
  for (const skip of job.changes?.skipped ?? []) lines.push(`  skipped ${skip.count}: ${skip.reason} (e.g. ${skip.sample.slice(0, 3).join(', ')})`);
  for (const error of job.errors) lines.push(`  ${error.file}:${error.line}${error.field ? ` [${error.field}]` : ''} ${error.reason}`);
  if ((job.errorCount ?? 0) > job.errors.length) lines.push(`  … and ${(job.errorCount ?? 0) - job.errors.length} more`);
  return lines.join('\n');
}

/** Opens a match round over published opportunities for a region or district. */
export async function openRound(
  client: LaunchPathClient,
  organizationId: string,
  name: string,
  opportunityIds: string[],
  options: { maxChoices?: number; seed?: number } = {},
): Promise<MatchRound> {
  return client.createMatchRound({ organizationId, name, opportunityIds, maxChoices: options.maxChoices, seed: options.seed, reservePercent: 0 });
}

/** Runs (or re-runs) a round, waits for its result, and optionally publishes it. */
export async function runRound(
  client: LaunchPathClient,
  roundId: string,
  options: { publish?: boolean; onProgress?: (round: MatchRound) => void; timeoutMs?: number } = {},
): Promise<MatchRound> {
  let round = await client.runMatchRound(roundId);
  const deadline = Date.now() + (options.timeoutMs ?? 10 * 60_000);
  while ((round.status === 'queued' || round.status === 'running') && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    round = await client.getMatchRound(roundId);
    options.onProgress?.(round);
  }
  if (options.publish && round.status === 'matched') round = await client.publishMatchRound(roundId);
  return round;
}

export function formatRound(round: MatchRound): string {
  // The seed is shown once the round is published; until then, the commitment made when it opened.
  const lottery = round.seed != null ? `seed ${round.seed}, salt ${round.seedSalt}` : `lottery commitment ${round.seedCommitment ?? 'none'}`;
  const lines = [`Match round ${round.id} "${round.name}": ${round.status} (run ${round.runs}, ${lottery})`];
  const s = round.statistics;
  if (s) {
    const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
    lines.push(
      `  ${s.students} students, ${s.matched} matched, ${s.unmatched} unmatched; first choice ${pct(s.firstChoiceShare)}, ` +
        `top 3 ${pct(s.topThreeShare)}; ${s.unfilledSeats} of ${s.seats} seats unfilled`,
    );
    for (const g of s.bySubgroup ?? []) {
      lines.push(
        g.suppressed
          ? `  ${g.group}: ${g.students} students (fewer than 10: withheld)`
          : `  ${g.group}: ${g.matched}/${g.students} matched, first choice ${pct(g.firstChoiceShare ?? 0)}, top 3 ${pct(g.topThreeShare ?? 0)}`,
      );
    }
  }
  return lines.join('\n');
}
