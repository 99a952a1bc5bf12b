import { useState } from 'react';
import type { OrganizationType } from '@launchpath/contracts';
import { useCurrentUser } from '../../shared/auth/SessionContext';
import { creatableOrganizationTypes } from './access';
import { OrganizationForm } from './OrganizationForm';
import { organizationsHref } from './hrefs';
import { OrganizationList } from './OrganizationList';
import { OrganizationPage } from './OrganizationPage';
import { useOrganizations } from './useOrganizations';

/** `#/organizations`: the list and the create form; `#/organizations/<id>`: one organization. */
export function OrganizationsPage({ path = [] }: { path?: readonly string[] }) {
  const me = useCurrentUser();
  if (path[0]) return <OrganizationPage key={path[0]} organizationId={path[0]} me={me} back={{ href: organizationsHref, label: '← Organizations' }} />;
  return <OrganizationDirectory />;
}

function OrganizationDirectory() {
  const me = useCurrentUser();
  const [type, setType] = useState<OrganizationType>();
  const list = useOrganizations(type);
  const creatable = creatableOrganizationTypes(me);
  return (
    <>
      <div className="page-header">
        <h1>Organizations</h1>
        <p className="muted">Regions hold districts and employers; districts hold schools.</p>
        {creatable.length === 0 ? <p className="muted">Your role lets you view these organizations but not add new ones.</p> : null}
      </div>
      <div className={creatable.length > 0 ? 'page-grid' : 'page-grid page-grid--single'}>
        {creatable.length > 0 ? <OrganizationForm types={creatable} onCreated={list.add} /> : null}
        <OrganizationList list={list} type={type} onTypeChange={setType} />
      </div>
    </>
  );
}
