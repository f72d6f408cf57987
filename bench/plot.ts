/** A small SVG line chart of time against policies for raw, library and lint. */

interface Point {
  readonly policies: number;
  readonly rawMs: number;
  readonly libraryMs: number;
  readonly lintMs: number;
}

const SERIES = [
  { key: 'rawMs', label: 'raw ApiObjects', color: '#888888' },
  { key: 'libraryMs', label: 'library (with validation)', color: '#1f6feb' },
  { key: 'lintMs', label: 'lint of the YAML', color: '#d97706' },
] as const;

export function renderSvg(points: readonly Point[]): string {
  const width = 640;
  const height = 400;
  const pad = { left: 70, right: 20, top: 20, bottom: 50 };
  const maxX = Math.max(...points.map((p) => p.policies));
  const maxY = Math.max(...points.flatMap((p) => SERIES.map((s) => p[s.key])));
  const x = (v: number) => pad.left + (v / maxX) * (width - pad.left - pad.right);
  const y = (v: number) => height - pad.bottom - (v / maxY) * (height - pad.top - pad.bottom);
  const lines = SERIES.map((s) => {
    const path = points.map((p) => `${x(p.policies).toFixed(1)},${y(p[s.key]).toFixed(1)}`).join(' ');
    const dots = points.map((p) => `<circle cx="${x(p.policies).toFixed(1)}" cy="${y(p[s.key]).toFixed(1)}" r="3" fill="${s.color}"/>`).join('');
    return `<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${path}"/>${dots}`;
  });
  const ticksX = points.map((p) => `<text x="${x(p.policies).toFixed(1)}" y="${height - pad.bottom + 18}" text-anchor="middle">${p.policies / 1000}k</text>`);
  const ticksY = [0, 0.25, 0.5, 0.75, 1].map((f) => `<text x="${pad.left - 8}" y="${y(f * maxY).toFixed(1)}" text-anchor="end" dominant-baseline="middle">${Math.round((f * maxY) / 100) / 10}s</text>`);
  const legend = SERIES.map((s, i) => `<rect x="${pad.left + 10}" y="${pad.top + i * 18}" width="12" height="3" fill="${s.color}"/><text x="${pad.left + 28}" y="${pad.top + i * 18 + 4}">${s.label}</text>`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<line x1="${pad.left}" y1="${height - pad.bottom}" x2="${width - pad.right}" y2="${height - pad.bottom}" stroke="black"/>`,
    `<line x1="${pad.left}" y1="${pad.top}" x2="${pad.left}" y2="${height - pad.bottom}" stroke="black"/>`,
    ...ticksX,
    ...ticksY,
    `<text x="${(width + pad.left) / 2}" y="${height - 10}" text-anchor="middle">policies (each with one Secret)</text>`,
    ...lines,
    ...legend,
    '</svg>',
    '',
  ].join('\n');
}
