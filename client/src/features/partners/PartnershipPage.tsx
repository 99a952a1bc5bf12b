import { useState } from 'react';
import type { CurrentCaller } from '@launchpath/contracts';
import { useResource } from '../../shared/api/useResource';
import { employerMemberships } from '../../shared/auth/roles';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Loading } from '../../shared/components/Loading';
import { PartnershipView } from './PartnershipView';

/**
 * An employer admin's partnership with the region: where the application stands, what the region still needs (a
 * worksite's safety checklist, a certificate of insurance, an agreement to sign, a supervisor's clearance), and the
 * forms to provide it.
 */
export function PartnershipPage({ me }: { me: CurrentCaller }) {
  const employers = employerMemberships(me).filter((m) => m.role === 'employerAdmin');
  const [employerId, setEmployerId] = useState(employers[0]?.organizationId ?? '');
  const [version, setVersion] = useState(0);
  const partnership = useResource(employerId ? `partnership:${employerId}:${version}` : null, (a, signal) => a.getPartnership(employerId, signal));
  const employer = useResource(employerId ? `org:${employerId}` : null, (a, signal) => a.getOrganization(employerId, signal));
  const regionId = employer.data?.parentId;
  const requirements = useResource(regionId ? `partnership-requirements:${regionId}` : null, (a, signal) => a.getPartnershipRequirements(regionId!, signal));
  const error = partnership.error ?? employer.error ?? requirements.error;
  return (
    <>
      <div className="page-header">
        <h1>Partnership</h1>
        <p className="muted">What the region needs from you before students come: worksites reviewed for safety, documents in force, agreements signed, supervisors cleared.</p>
      </div>
      {employers.length > 1 ? (
        <label>
          Employer{' '}
          <select value={employerId} onChange={(e) => setEmployerId(e.target.value)}>
            {employers.map((m) => (
              <option key={m.organizationId} value={m.organizationId}>
                {m.organizationName}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {error ? <ErrorBanner error={error} onRetry={partnership.reload} /> : null}
      {!partnership.data || !requirements.data ? (
        error ? null : <Loading>Loading your partnership…</Loading>
      ) : (
        <PartnershipView partnership={partnership.data} requirements={requirements.data} districts={[]} onChanged={() => setVersion((v) => v + 1)} />
      )}
    </>
  );
}
