import { useEffect, useRef, useState } from 'react';
import type { CreatedApiKey } from '@launchpath/contracts';
import '../../shared/admin.css';

/** The new key's secret, shown this once, with a copy button; focus moves here so screen readers hear it. */
export function SecretCard({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const ref = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed'>();
  useEffect(() => ref.current?.focus(), [created]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };

  return (
    <section ref={ref} className="card secret-card" aria-labelledby="secret-heading" tabIndex={-1}>
      <h2 id="secret-heading">Copy the key “{created.info.name}” now</h2>
      <p>
        <strong>This is the only time the key is shown.</strong> Store it in the integration’s secret store; it is sent as the <code>X-Api-Key</code> header.
      </p>
      <div className="secret">
        <label htmlFor="new-api-key" className="visually-hidden">
          The new API key
        </label>
        <input id="new-api-key" readOnly value={created.key} onFocus={(e) => e.target.select()} />
        <button type="button" className="button button--secondary" onClick={copy}>
          Copy
        </button>
      </div>
      <div role="status">
        {copied === 'yes' ? <p className="hint-good">Copied to the clipboard.</p> : null}
        {copied === 'failed' ? <p className="table__note">Could not copy: select the key and copy it yourself.</p> : null}
      </div>
      <button type="button" className="button" onClick={onDone}>
        I have stored the key
      </button>
    </section>
  );
}
