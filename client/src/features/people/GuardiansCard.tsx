import { useState } from 'react';
import type { Guardian, GuardianAccountStatus } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { useAction } from '../../shared/api/useAction';
import { useResource } from '../../shared/api/useResource';
import { DataTable } from '../../shared/components/DataTable';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Loading } from '../../shared/components/Loading';
import { Notice } from '../../shared/components/Notice';
import { relationshipLabels } from '../../shared/labels';

const languageLabels: Record<string, string> = { en: 'English', es: 'Spanish (español)' };

const accountLabels: Record<GuardianAccountStatus, string> = { invited: 'Invited', active: 'Signs in' };

/** What the sign-in column offers for a guardian: why not, or the button's label. */
export function invitationOffer(g: Guardian): { label: string } | { reason: string } {
  if (g.account === 'active') return { reason: 'Signs in' };
  if (!g.email) return { reason: 'No email on record' };
  return { label: g.account === 'invited' ? 'Invite again' : 'Invite to sign in' };
}

/**
 * A student's parents and guardians, with their language and whether they sign in. School staff invite one to sign in
 * (an email with a link to choose a password, in their language); signed in, a guardian follows their child's
 * placements and acknowledges agreements themselves.
 */
export function GuardiansCard({ studentId, mayInvite }: { studentId: string; mayInvite: boolean }) {
  const api = useApi();
  const guardians = useResource(`guardians:${studentId}`, (a, signal) => a.listGuardians(studentId, signal));
  const { busy, error, run } = useAction();
  const [notice, setNotice] = useState<string>();

  const invite = (g: Guardian) =>
    run(async () => {
      setNotice(undefined);
      const sent = await api.inviteGuardian(studentId, g.id);
      guardians.set((guardians.data ?? []).map((x) => (x.id === g.id ? sent.guardian : x)));
      setNotice(
        sent.message
          ? `Invitation emailed to ${sent.message.recipient} (in ${languageLabels[sent.message.language] ?? sent.message.language}). The link works for 7 days.`
          : `${g.givenName} ${g.familyName} already had a guardian account; it now includes this student.`,
      );
    });

  const rows = guardians.data ?? [];
  return (
    <section className="card" aria-labelledby="guardians-heading">
      <h2 id="guardians-heading">Parents and guardians</h2>
      {guardians.status === 'error' && guardians.error ? <ErrorBanner error={guardians.error} onRetry={guardians.reload} /> : null}
      {guardians.status === 'loading' ? <Loading>Loading guardians…</Loading> : null}
      {guardians.status === 'ready' && rows.length === 0 ? <p className="muted">None on record.</p> : null}
      {rows.length > 0 ? (
        <DataTable
          caption="Parents and guardians"
          columns={[
            { header: 'Name', rowHeader: true, cell: (g) => `${g.givenName} ${g.familyName}` },
            { header: 'Relationship', cell: (g) => relationshipLabels[g.relationship] },
            { header: 'Email', cell: (g) => g.email || '—' },
            { header: 'Phone', cell: (g) => g.phone || '—' },
            { header: 'Language', cell: (g) => (g.preferredLanguage ? (languageLabels[g.preferredLanguage] ?? g.preferredLanguage) : 'As the student') },
            {
              header: 'Sign-in',
              cell: (g) => {
                const offer = invitationOffer(g);
                const status = g.account ? accountLabels[g.account] : 'No account';
                if (!('label' in offer)) return offer.reason === status ? status : `${status} · ${offer.reason}`;
                if (!mayInvite) return status;
                return (
                  <>
                    {status}{' '}
                    <button type="button" className="button button--small" disabled={busy} onClick={() => void invite(g)}
                      aria-label={`${offer.label}: ${g.givenName} ${g.familyName}`}>
                      {offer.label}
                    </button>
                  </>
                );
              },
            },
          ]}
          rows={rows}
          rowKey={(g) => g.id}
        />
      ) : null}
      {error ? <ErrorBanner error={error} /> : null}
      <Notice>{notice}</Notice>
    </section>
  );
}
