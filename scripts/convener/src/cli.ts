#!/usr/bin/env -S npx tsx
// LaunchPath convener CLI. Authenticates with LAUNCHPATH_URL and LAUNCHPATH_API_KEY.
//   launchpath roster-import <districtId> <folder-or-zip> [--mode bulk|delta] [--preview]
//   launchpath post-opportunities <employerId> <opportunities.json> [--approve]
//   launchpath list-opportunities [--status published]
//   launchpath open-round <regionOrDistrictId> <name> <opportunityId>... [--max-choices 5] [--seed 42]
//   launchpath run-round <roundId> [--publish]
import { readFileSync } from 'node:fs';
import type { OpportunityFields, RosterMode } from '@launchpath/contracts';
import { connect, describeError } from './connection.ts';
import { formatImport, formatRound, importRoster, listOpportunities, openRound, postOpportunities, runRound } from './commands.ts';

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  const { client } = connect();
  switch (command) {
    case 'roster-import': {
      const [districtId, path] = rest;
      if (!districtId || !path) throw new Error('usage: roster-import <districtId> <folder-or-zip> [--mode bulk|delta] [--preview]');
      const job = await importRoster(client, districtId, path, {
        mode: option(rest, '--mode') as RosterMode | undefined,
        preview: rest.includes('--preview') || undefined,
        onProgress: (j) => process.stderr.write(`\r${j.status} ${j.processedRows}/${j.totalRows}`),
      });
      process.stderr.write('\n');
      console.log(formatImport(job));
      // A preview is a success; an import held for a district admin's confirmation is not (nothing was written).
      return job.status === 'succeeded' || job.status === 'previewed' ? 0 : 1;
    }
    case 'post-opportunities': {
      const [employerId, file] = rest;
      if (!employerId || !file) throw new Error('usage: post-opportunities <employerId> <opportunities.json> [--approve]');
      const fields = JSON.parse(readFileSync(file, 'utf8')) as OpportunityFields[];
      const posted = await postOpportunities(client, employerId, fields, { approve: rest.includes('--approve') });
      for (const o of posted) console.log(`${o.id}\t${o.status}\t${o.fields.title}`);
      return 0;
    }
    case 'list-opportunities': {
      const list = await listOpportunities(client, option(rest, '--status') as never);
      for (const o of list) console.log(`${o.id}\t${o.status}\t${o.fields.stage}\t${o.fields.careerCluster}\t${o.employerName}\t${o.fields.title}`);
      console.log(`${list.length} opportunities`);
      return 0;
    }
    case 'open-round': {
      const positional = rest.filter((arg, i) => !arg.startsWith('--') && !rest[i - 1]?.startsWith('--'));
      const [organizationId, name, ...opportunityIds] = positional;
      if (!organizationId || !name || opportunityIds.length === 0) throw new Error('usage: open-round <regionOrDistrictId> <name> <opportunityId>...');
      const maxChoices = option(rest, '--max-choices');
      const seed = option(rest, '--seed');
      const round = await openRound(client, organizationId, name, opportunityIds, {
        maxChoices: maxChoices ? Number(maxChoices) : undefined,
        seed: seed ? Number(seed) : undefined,
      });
      console.log(formatRound(round));
      return 0;
    }
    case 'run-round': {
      const [roundId] = rest;
      if (!roundId) throw new Error('usage: run-round <roundId> [--publish]');
      const round = await runRound(client, roundId, { publish: rest.includes('--publish'), onProgress: (r) => process.stderr.write(`\r${r.status} ${r.progress}%`) });
      process.stderr.write('\n');
      console.log(formatRound(round));
      return round.status === 'matched' || round.status === 'published' ? 0 : 1;
    }
    default:
      console.error('commands: roster-import, post-opportunities, list-opportunities, open-round, run-round');
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(describeError(error));
    process.exit(1);
  },
);
