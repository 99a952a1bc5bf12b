import { useState } from 'react';
import type { ActionLink } from '@launchpath/contracts';
import { formatDateTime } from '../../shared/format';

/** A one-time link just issued: shown this once (the API keeps only its hash), with a button to copy it. */
export function OneTimeLink({ link }: { link: ActionLink }) {
  const [copied, setCopied] = useState<boolean>();
  return (
    <div className="banner banner--success">
      <p>This link is shown only once; it works once and expires {formatDateTime(link.expiresAt)}.</p>
      <p>
        <code data-testid="one-time-link">{link.url}</code>
      </p>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => void navigator.clipboard?.writeText(link.url).then(() => setCopied(true), () => setCopied(false))}
      >
        Copy link
      </button>
      <span role="status">{copied === true ? ' Copied.' : copied === false ? ' Could not copy: select the link and copy it.' : ''}</span>
    </div>
  );
}
