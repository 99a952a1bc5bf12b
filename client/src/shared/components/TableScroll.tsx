import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/**
 * The frame every table sits in: a table too wide for the screen (a phone) scrolls inside it instead of widening the
 * page. While it does scroll, the frame takes keyboard focus, so the arrow keys scroll it too (WCAG 2.1.1).
 */
export function TableScroll({ children }: { children: ReactNode }) {
  const frame = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);

  useLayoutEffect(() => {
    const element = frame.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const measure = () => setScrolls(element.scrollWidth > element.clientWidth + 1);
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    measure();
    return () => observer.disconnect();
  }, []);

  return (
    <div ref={frame} className="table-scroll" tabIndex={scrolls ? 0 : undefined}>
      {children}
    </div>
  );
}
