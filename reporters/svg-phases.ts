/**
 * Phase chips: one rounded label per phase with its sign-off state in a symbol and words
 * (✓ signed, ◐ conditional, … awaiting sign-off, ⚠ evidence changed, ✗ rejected), so the state
 * reads the same in greyscale. Built from the sign-off rows' evidence (phases.ts). Pure.
 */
import type { Json } from '../checks/probe.ts';
import type { RowOutcome } from './meta.ts';
import { SIGNOFF_CHECK, signoffEntry } from './phases.ts';
import type { Row } from './rows.ts';
import { clip, esc, frame, n, textWidth } from './svg-kit.ts';

export interface PhaseChip {
  phase: string;
  /** A sign-off status (signed, conditional, awaiting, evidence-changed, rejected, open). */
  status: string;
  /** An `error` sign-off result: the state could not be read. */
  unreadable?: boolean;
}

interface ChipStyle {
  symbol: string;
  words: string;
  fill: string;
  stroke: string;
  text: string;
  dashed?: boolean;
}

const OPEN: ChipStyle = {
  symbol: '○',
  words: 'open, no sign-off due',
  fill: '#f6f8fa',
  stroke: '#8c959f',
  text: '#424a53',
};

const STYLES: Record<string, ChipStyle> = {
  signed: { symbol: '✓', words: 'signed', fill: '#dafbe1', stroke: '#1a7f37', text: '#0f5323' },
  conditional: { symbol: '◐', words: 'conditional', fill: '#fff8c5', stroke: '#9a6700', text: '#5c3d00' },
  awaiting: {
    symbol: '…',
    words: 'awaiting sign-off',
    fill: '#fff',
    stroke: '#57606a',
    text: '#32383f',
    dashed: true,
  },
  'evidence-changed': {
    symbol: '⚠',
    words: 'evidence changed since sign-off',
    fill: '#ffebe9',
    stroke: '#cf222e',
    text: '#82071e',
  },
  rejected: { symbol: '✗', words: 'rejected', fill: '#ffebe9', stroke: '#cf222e', text: '#82071e' },
  open: OPEN,
  unreadable: {
    symbol: '?',
    words: 'sign-off cannot be read',
    fill: '#fff8c5',
    stroke: '#bf8700',
    text: '#5c3d00',
    dashed: true,
  },
};

/** How a chip reads, in words (the picture's title and the Markdown say the same). */
export function chipWords(chip: PhaseChip): string {
  const style = chip.unreadable ? STYLES.unreadable : STYLES[chip.status];
  return `${chip.phase}: ${style ? `${style.symbol} ${style.words}` : chip.status || '—'}`;
}

/** One chip per sign-off row, in row order. */
export function phaseChips(rows: readonly Row[]): PhaseChip[] {
  return rows
    .filter((r) => r.check === SIGNOFF_CHECK)
    .map((r) => chipOf(r.evidence as Record<string, Json>, r.outcome, r.target));
}

export function chipOf(evidence: Record<string, Json>, outcome: RowOutcome, target = ''): PhaseChip {
  const e = signoffEntry(evidence, outcome, target);
  return outcome === 'error'
    ? { phase: e.phase, status: e.status, unreadable: true }
    : { phase: e.phase, status: e.status };
}

const H = 24;
const GAP = 8;
const FONT = 12;

/** The picture, or '' without phases. Chips wrap onto new lines past `width`. */
export function phaseChipsSvg(chips: readonly PhaseChip[], width = 560): string {
  if (chips.length === 0) return '';
  let x = 0;
  let y = 0;
  const parts: string[] = [];
  for (const chip of chips) {
    const style = (chip.unreadable ? STYLES.unreadable : STYLES[chip.status]) ?? OPEN;
    const name = clip(chip.phase, 32);
    const words = chip.unreadable || STYLES[chip.status] ? style.words : clip(chip.status, 24);
    const label = `${style.symbol} ${name} · ${words}`;
    const w = Math.min(width, textWidth(label, FONT) + 22);
    if (x > 0 && x + w > width) {
      x = 0;
      y += H + GAP;
    }
    parts.push(
      `<g class="chip" data-status="${esc(chip.unreadable ? 'unreadable' : chip.status)}"><rect x="${n(x + 1)}" y="${n(y + 1)}" width="${n(w - 2)}" height="${H - 2}" rx="11" fill="${style.fill}" stroke="${style.stroke}" stroke-width="1.5"${style.dashed ? ' stroke-dasharray="4 2"' : ''}/><text x="${n(x + 11)}" y="${n(y + H / 2 + 4)}" fill="${style.text}" class="chipt"><tspan font-weight="700">${esc(style.symbol)} ${esc(name)}</tspan> · ${esc(words)}</text></g>`,
    );
    x += w + GAP;
  }
  const height = y + H + 2;
  return frame(width, height, `Phases: ${chips.map(chipWords).join('; ')}`, parts.join(''), 'chips');
}
