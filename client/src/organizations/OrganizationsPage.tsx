import { useState } from 'react';
import type { OrganizationType } from '@launchpath/contracts';
import { OrganizationForm } from './OrganizationForm';
import { OrganizationList } from './OrganizationList';
import { useOrganizations } from './useOrganizations';

export function OrganizationsPage() {
  const [type, setType] = useState<OrganizationType>();
  const list = useOrganizations(type);
  return (
    <>
      <div className="page-header">
        <h1>Organizations</h1>
        <p className="muted">Regions hold districts and employers; districts hold schools.</p>
      </div>
      <div className="page-grid">
        <OrganizationForm onCreated={list.add} />
        <OrganizationList list={list} type={type} onTypeChange={setType} />
      </div>
    </>
  );
}
