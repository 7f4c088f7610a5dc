/**
 * A horizontal bar filled to `percent`. Drawn as SVG, whose width is an attribute, so no inline
 * style is needed (a Content-Security-Policy may refuse those).
 */
export function Bar({ percent, className, fillClassName }: { percent: number; className: string; fillClassName: string }) {
  const width = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <svg className={className} aria-hidden="true" preserveAspectRatio="none">
      <rect x="0" y="0" height="100%" width={`${width}%`} className={fillClassName} />
    </svg>
  );
}
