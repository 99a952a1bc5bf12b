interface Props {
  /** What is progressing, for screen readers: "Roster import progress". */
  label: string;
  value: number;
  max: number;
  /** The visible text beside the bar; defaults to "value of max". */
  text?: string;
}

/** A determinate progress bar (ARIA progressbar) with its figures as text. */
export function ProgressBar({ label, value, max, text }: Props) {
  const safeMax = max > 0 ? max : 100;
  const clamped = Math.min(Math.max(value, 0), safeMax);
  const share = Math.round((clamped / safeMax) * 100);
  return (
    <div className="progress">
      <div
        className="progress__track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={safeMax}
        aria-valuenow={clamped}
        aria-valuetext={text ?? `${share}%`}
      >
        <div className="progress__bar" style={{ width: `${share}%` }} />
      </div>
      <p className="progress__text">{text ?? `${share}%`}</p>
    </div>
  );
}
