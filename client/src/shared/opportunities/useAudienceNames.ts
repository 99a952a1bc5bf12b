import { useParentOptions } from '../organizations/useParentOptions';

/** Names of the districts and schools the caller can see, to name an opportunity's audience. */
export function useAudienceNames(enabled = true): ReadonlyMap<string, string> {
  const districts = useParentOptions(enabled ? 'district' : undefined, 0);
  const schools = useParentOptions(enabled ? 'school' : undefined, 0);
  return new Map([...districts.options, ...schools.options].map((o) => [o.id, o.name]));
}
