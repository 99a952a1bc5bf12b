/** The accounts the API's demo seed creates (Development, Demo:Seed; see scripts/run), all with one password. */
export const demoPassword = 'launchpath-demo';

export const demoAccounts: readonly { email: string; role: string }[] = [
  { email: 'admin@demo.launchpath.test', role: 'Platform administrator' },
  { email: 'convener@demo.launchpath.test', role: 'Convener admin of the demo region' },
  { email: 'analyst@demo.launchpath.test', role: 'Workforce analyst in the demo region' },
  { email: 'district@demo.launchpath.test', role: 'District admin' },
  { email: 'coordinator@demo.launchpath.test', role: 'School coordinator' },
  { email: 'teacher@demo.launchpath.test', role: 'Teacher' },
  { email: 'employer@demo.launchpath.test', role: 'Employer admin' },
  { email: 'supervisor@demo.launchpath.test', role: 'Employer supervisor' },
  { email: 'student@demo.launchpath.test', role: 'Student' },
];

/** Development only (the sign-in page shows it when import.meta.env.DEV): the demo accounts, one click to fill in. */
export function DemoAccounts({ onChoose }: { onChoose: (email: string, password: string) => void }) {
  return (
    <aside className="card demo-accounts" aria-labelledby="demo-accounts-heading">
      <h2 id="demo-accounts-heading">Demo accounts</h2>
      <p className="muted">
        Development only. When the API runs with its demo data (<code>scripts/run</code>), these accounts exist and all use the
        password <code>{demoPassword}</code>. Choose one to fill in the form.
      </p>
      <ul className="demo-accounts__list">
        {demoAccounts.map((account) => (
          <li key={account.email}>
            <button type="button" className="link-button" onClick={() => onChoose(account.email, demoPassword)}>
              {account.email}
            </button>
            <span className="muted"> {account.role}</span>
          </li>
        ))}
      </ul>
    </aside>
  );
}
