import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/** One series of a bar chart: a name for the legend, a colour, one value per category. */
export interface ChartSeries {
  label: string;
  color: string;
  values: readonly number[];
}

interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  color: string;
  title: string;
}

const PAD_LEFT_V = 44;
const PAD_BOTTOM = 28;
const PAD_TOP = 12;

/** A rounded-up "nice" scale maximum: 1, 2, 5 × 10^n. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const unit = [1, 2, 5, 10].find((step) => step * power >= value) ?? 10;
  return unit * power;
}

/**
 * A small SVG bar chart, grouped or stacked, vertical (months) or horizontal (units with long
 * names). No chart library: the data are a dozen bars, and the table beneath has the figures.
 */
@Component({
  selector: 'vt-bar-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <figure class="chart">
      <svg
        [attr.viewBox]="'0 0 ' + width() + ' ' + height()"
        [style.max-height.px]="height() * 1.4"
        role="img"
        [attr.aria-label]="label()"
        preserveAspectRatio="xMinYMin meet"
      >
        @for (tick of ticks(); track tick.value) {
          @if (horizontal()) {
            <line [attr.x1]="tick.pos" [attr.x2]="tick.pos" [attr.y1]="padTop" [attr.y2]="height() - padBottom" class="grid" />
            <text [attr.x]="tick.pos" [attr.y]="height() - padBottom + 16" text-anchor="middle" class="tick">{{ tick.text }}</text>
          } @else {
            <line [attr.x1]="padLeft()" [attr.x2]="width() - 8" [attr.y1]="tick.pos" [attr.y2]="tick.pos" class="grid" />
            <text [attr.x]="padLeft() - 6" [attr.y]="tick.pos + 4" text-anchor="end" class="tick">{{ tick.text }}</text>
          }
        }
        @for (bar of bars(); track $index) {
          <rect [attr.x]="bar.x" [attr.y]="bar.y" [attr.width]="bar.width" [attr.height]="bar.height" [attr.fill]="bar.color">
            <title>{{ bar.title }}</title>
          </rect>
        }
        @for (category of categoryLabels(); track $index) {
          <text
            [attr.x]="category.x"
            [attr.y]="category.y"
            [attr.text-anchor]="horizontal() ? 'end' : 'middle'"
            class="category"
          >{{ category.text }}</text>
        }
      </svg>
      <figcaption class="legend">
        @for (s of series(); track s.label) {
          <span class="legend__item"><span class="legend__swatch" [style.background]="s.color"></span>{{ s.label }}</span>
        }
      </figcaption>
    </figure>
  `,
  styles: `
    :host {
      display: block;
    }
    .chart {
      margin: 0;
    }
    svg {
      width: 100%;
      height: auto;
      display: block;
      font: 12px system-ui, sans-serif;
    }
    .grid {
      stroke: var(--mat-sys-outline-variant, #ccc);
      stroke-width: 1;
    }
    .tick,
    .category {
      fill: var(--mat-sys-on-surface-variant, #444);
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
      font: var(--mat-sys-body-small);
      margin-top: 4px;
    }
    .legend__item {
      display: inline-flex;
      align-items: center;
      gap: 6px;
    }
    .legend__swatch {
      width: 12px;
      height: 12px;
      border-radius: 2px;
      display: inline-block;
    }
  `,
})
export class BarChart {
  /** The chart's accessible name (screen readers read the table beneath for figures). */
  readonly label = input.required<string>();
  /** One label per bar group: months, units. */
  readonly categories = input.required<readonly string[]>();
  readonly series = input.required<readonly ChartSeries[]>();
  /** Whether the series are stacked in one bar per category rather than side by side. */
  readonly stacked = input(false);
  /** Whether bars run left to right, with category names on the left (long unit names). */
  readonly horizontal = input(false);
  /** A fixed scale maximum (1 for rates); otherwise a round number above the largest bar. */
  readonly max = input<number | null>(null);
  /** How tick values are written (percentages for rates). */
  readonly format = input<(value: number) => string>((value) => String(value));
  /** Whether values are counts: the scale then has whole-number ticks. */
  readonly integer = input(true);
  /** The drawing's width in SVG units; it scales to the container. */
  readonly width = input(720);

  protected readonly padTop = PAD_TOP;
  protected readonly padBottom = PAD_BOTTOM;

  protected readonly padLeft = computed(() => {
    if (!this.horizontal()) return PAD_LEFT_V;
    const longest = Math.max(0, ...this.categories().map((c) => c.length));
    return Math.min(260, 16 + longest * 6.5);
  });

  protected readonly height = computed(() =>
    this.horizontal() ? PAD_TOP + PAD_BOTTOM + this.categories().length * (this.stacked() ? 26 : 14 * this.series().length + 10) : 260,
  );

  private readonly scaleMax = computed(() => {
    const fixed = this.max();
    if (fixed !== null) return fixed;
    const categories = this.categories().length;
    let largest = 0;
    for (let i = 0; i < categories; i++) {
      const values = this.series().map((s) => s.values[i] ?? 0);
      largest = Math.max(largest, this.stacked() ? values.reduce((a, b) => a + b, 0) : Math.max(0, ...values));
    }
    // Counts below 4 would give ticks of 0,25: keep whole numbers.
    return this.integer() ? Math.max(4, niceMax(largest)) : niceMax(largest);
  });

  /** The length along the value axis available for bars. */
  private readonly span = computed(() =>
    this.horizontal() ? this.width() - this.padLeft() - 16 : this.height() - PAD_TOP - PAD_BOTTOM,
  );

  protected readonly ticks = computed(() => {
    const max = this.scaleMax();
    const steps = 4;
    return Array.from({ length: steps + 1 }, (_, i) => {
      const value = (max * i) / steps;
      const offset = (this.span() * i) / steps;
      const pos = this.horizontal() ? this.padLeft() + offset : this.height() - PAD_BOTTOM - offset;
      return { value, pos, text: this.format()(value) };
    });
  });

  protected readonly bars = computed<Bar[]>(() => {
    const categories = this.categories();
    const series = this.series();
    const max = this.scaleMax();
    const span = this.span();
    const horizontal = this.horizontal();
    const band = horizontal
      ? (this.height() - PAD_TOP - PAD_BOTTOM) / Math.max(categories.length, 1)
      : (this.width() - this.padLeft() - 8) / Math.max(categories.length, 1);
    const inner = band * 0.72;
    const bars: Bar[] = [];
    const stacked = this.stacked();
    categories.forEach((category, i) => {
      const start = (horizontal ? PAD_TOP : this.padLeft()) + i * band + (band - inner) / 2;
      // Stacked segments start where the previous one ended and stop at the scale's end (a fixed
      // maximum, as for rates, must not let a stack run past the axis); nothing is drawn for 0.
      let below = 0;
      series.forEach((s, j) => {
        const value = s.values[i] ?? 0;
        const shown = Math.max(0, stacked ? Math.min(value, max - below) : Math.min(value, max));
        const length = (shown / max) * span;
        const thickness = stacked ? inner : inner / series.length;
        const across = stacked ? start : start + j * thickness;
        const along = stacked ? (below / max) * span : 0;
        if (stacked) below += shown;
        if (length <= 0) return;
        const title = `${category} — ${s.label}: ${this.format()(value)}`;
        if (horizontal) {
          bars.push({ x: this.padLeft() + along, y: across, width: length, height: thickness - 1, color: s.color, title });
        } else {
          const base = this.height() - PAD_BOTTOM - along;
          bars.push({ x: across, y: base - length, width: thickness - 1, height: length, color: s.color, title });
        }
      });
    });
    return bars;
  });

  protected readonly categoryLabels = computed(() => {
    const categories = this.categories();
    if (this.horizontal()) {
      const band = (this.height() - PAD_TOP - PAD_BOTTOM) / Math.max(categories.length, 1);
      return categories.map((text, i) => ({ text, x: this.padLeft() - 6, y: PAD_TOP + i * band + band / 2 + 4 }));
    }
    const band = (this.width() - this.padLeft() - 8) / Math.max(categories.length, 1);
    return categories.map((text, i) => ({ text, x: this.padLeft() + i * band + band / 2, y: this.height() - PAD_BOTTOM + 16 }));
  });
}
