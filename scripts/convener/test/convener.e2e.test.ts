// The "done when": a convener script using only the generated TS client and an API key imports a OneRoster
// CSV set, posts and approves opportunities, and lists them — against the real API started by the e2e setup.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LaunchPathClient, type OpportunityFields } from '@launchpath/contracts';
import { connect } from '../src/connection.ts';
import { formatRound, importRoster, listOpportunities, openRound, postOpportunities, runRound } from '../src/commands.ts';

const run = promisify(execFile);
const apiUrl = inject('apiUrl');
const admin = inject('admin');

async function signedIn(email: string, password: string): Promise<LaunchPathClient> {
  const token = await new LaunchPathClient(apiUrl, { fetch: (url, init) => fetch(url, init) }).signIn({ email, password });
  return new LaunchPathClient(apiUrl, {
    fetch: (url: RequestInfo, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      headers.set('Authorization', `Bearer ${token.token}`);
      return fetch(url, { ...init, headers });
    },
  });
}

const csv = {
  'manifest.csv': 'propertyName,value\nmanifest.version,1.0\noneroster.version,1.2\nfile.users,bulk\n',
  'orgs.csv': 'sourcedId,status,name,type,parentSourcedId\ncv-sch,active,Convener Script High,school,cv-dist\n',
  'users.csv':
    'sourcedId,status,enabledUser,givenName,familyName,email,agentSourcedIds,grades,primaryOrgSourcedId\n' +
    'cv-s1,active,true,Ana,Lopez,ana@students.example.test,cv-g1,11,cv-sch\n' +
    'cv-s2,active,true,Ben,Okafor,ben@students.example.test,,10,cv-sch\n' +
    'cv-g1,active,true,Rosa,Lopez,rosa@family.example.test,,,cv-sch\n',
  'roles.csv':
    'userSourcedId,roleType,role,orgSourcedId\ncv-s1,primary,student,cv-sch\ncv-s2,primary,student,cv-sch\ncv-g1,primary,parent,cv-sch\n',
  'demographics.csv': 'sourcedId,birthDate,sex,hispanicOrLatinoEthnicity,metadata.englishLearner\ncv-s1,2010-02-03,female,true,true\n',
};

const fields = (title: string): OpportunityFields => ({
  title,
  description: 'Posted by the convener script for an employer partner.',
  type: 'jobShadowing',
  stage: 'exploration',
  careerCluster: 'digitalTechnology',
  skills: ['Debugging'],
  modality: 'virtual',
  seats: 4,
  schedule: [],
  compensation: 'unpaid',
  creditOffered: false,
  requiredForms: [],
  hazardous: false,
  audience: 'region',
  audienceOrganizationIds: [],
});

describe('convener scripts with an API key', () => {
  let folder: string;
  let districtId: string;
  let employerId: string;
  let apiKey: string;
  let regionId: string;

  beforeAll(async () => {
    const root = await signedIn(admin.email, admin.password);
    const region = await root.createOrganization({ type: 'region', name: 'Script region' });
    regionId = region.id;
    districtId = (await root.createOrganization({ type: 'district', name: 'Script district', parentId: region.id, sourcedId: 'cv-dist' })).id;
    employerId = (await root.createOrganization({ type: 'employer', name: 'Script employer', parentId: region.id })).id;
    const key = await root.createApiKey(region.id, {
      name: 'convener scripts',
      permissions: ['organizationsRead', 'rosterImport', 'peopleRead', 'peopleWrite', 'opportunitiesRead', 'opportunitiesWrite', 'opportunitiesCurate'],
    });
    apiKey = key.key;
    folder = mkdtempSync(join(tmpdir(), 'launchpath-roster-'));
    for (const [name, text] of Object.entries(csv)) writeFileSync(join(folder, name), text);
  });

  afterAll(() => folder && rmSync(folder, { recursive: true, force: true }));

  it('imports a OneRoster CSV set, posts and approves opportunities, and lists them', async () => {
    const { client } = connect(apiUrl, apiKey);

    const job = await importRoster(client, districtId, folder);
    expect(job.status, JSON.stringify(job.errors)).toBe('succeeded');
    expect(job.counts).toMatchObject({ schoolsCreated: 1, peopleCreated: 3, guardianLinks: 1 });

    const students = await client.listStudents(undefined, undefined, undefined, 'lopez', 10, undefined);
    expect(students.items.map((s) => s.sourcedId)).toEqual(['cv-s1']);

    const posted = await postOpportunities(client, employerId, [fields('Script shadow A'), fields('Script shadow B')], { approve: true });
    expect(posted.map((o) => o.status)).toEqual(['published', 'published']);

    const published = await listOpportunities(client, 'published');
    expect(published.map((o) => o.fields.title)).toEqual(expect.arrayContaining(['Script shadow A', 'Script shadow B']));

    // A match round over the two, through the same client: open, rank for the students, run, publish.
    const round = await openRound(client, regionId, 'Script round', posted.map((o) => o.id), { maxChoices: 2, seed: 7 });
    expect(round.status).toBe('open');
    const everyone = await client.listStudents(undefined, undefined, 'active', undefined, 50, undefined);
    for (const student of everyone.items) {
      await client.submitChoices(round.id, student.id, { opportunityIds: posted.map((o) => o.id) });
    }
    const done = await runRound(client, round.id, { publish: true });
    expect(done.status).toBe('published');
    expect(done.statistics).toMatchObject({ students: 2, matched: 2, unmatched: 0 });
    expect(formatRound(done)).toContain('2 matched');
    const placements = await client.listRoundPlacements(round.id);
    expect(placements.map((p) => p.status)).toEqual(['approved', 'approved']);
  });

  it('runs as a command line program', async () => {
    const cli = resolve(import.meta.dirname, '../src/cli.ts');
    const tsx = resolve(import.meta.dirname, '../../../node_modules/.bin/tsx');
    const env = { ...process.env, LAUNCHPATH_URL: apiUrl, LAUNCHPATH_API_KEY: apiKey };
    const { stdout } = await run(tsx, [cli, 'list-opportunities', '--status', 'published'], { env });
    expect(stdout).toContain('Script shadow A');
    expect(stdout).toMatch(/\d+ opportunities/);

    await expect(run(tsx, [cli, 'roster-import', districtId, join(folder, 'missing')], { env })).rejects.toMatchObject({ code: 1 });
    await expect(run(tsx, [cli, 'list-opportunities'], { env: { ...env, LAUNCHPATH_API_KEY: 'lp_000000000000_wrongwrongwrongwrongwrong' } }))
      .rejects.toMatchObject({ stderr: expect.stringContaining('401') });
  });
});
