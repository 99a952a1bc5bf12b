/** A loading message announced politely to screen readers. */
export function Loading({ children }: { children: string }) {
  return (
    <p className="muted" role="status">
      {children}
    </p>
  );
}
