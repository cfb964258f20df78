import { Component, provideZonelessChangeDetection, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';

import { BarChart, ChartSeries, niceMax } from './bar-chart';

@Component({
  imports: [BarChart],
  template: `<vt-bar-chart label="Biểu đồ" [categories]="categories()" [series]="series()" [stacked]="stacked()" [horizontal]="horizontal()" [max]="max()" />`,
})
class Host {
  readonly categories = signal<string[]>(['UBND xã Quảng Tân', 'UBND xã Đắk Ngo']);
  readonly series = signal<ChartSeries[]>([
    { label: 'Trước hạn', color: '#1b7f3b', values: [3, 0] },
    { label: 'Đúng hạn', color: '#66bb6a', values: [2, 4] },
    { label: 'Quá hạn', color: '#b3261e', values: [1, 4] },
  ]);
  readonly stacked = signal(true);
  readonly horizontal = signal(true);
  readonly max = signal<number | null>(null);
}

interface Drawn {
  x: number;
  y: number;
  width: number;
  height: number;
  title: string;
}

describe('BarChart', () => {
  let fixture: ComponentFixture<Host>;
  const bars = (): Drawn[] =>
    Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('rect')).map((r) => ({
      x: Number(r.getAttribute('x')),
      y: Number(r.getAttribute('y')),
      width: Number(r.getAttribute('width')),
      height: Number(r.getAttribute('height')),
      title: r.querySelector('title')?.textContent ?? '',
    }));
  const axis = () => Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('line.grid')).map((l) => Number(l.getAttribute('x1')));
  const redraw = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
    fixture = TestBed.createComponent(Host);
    await redraw();
  });

  it('rounds the scale up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 0.3, 1, 3, 7, 12, 48, 101].map(niceMax)).toEqual([1, 0.5, 1, 5, 10, 20, 50, 200]);
  });

  it('stacks each category’s segments end to end, in proportion to the values, with no bar for a zero', () => {
    const drawn = bars();
    // 3 + 2 + 1 for the first commune, 0 (not drawn) + 4 + 4 for the second.
    expect(drawn.map((b) => b.title)).toEqual([
      'UBND xã Quảng Tân — Trước hạn: 3',
      'UBND xã Quảng Tân — Đúng hạn: 2',
      'UBND xã Quảng Tân — Quá hạn: 1',
      'UBND xã Đắk Ngo — Đúng hạn: 4',
      'UBND xã Đắk Ngo — Quá hạn: 4',
    ]);
    const [a, b, c, d, e] = drawn;
    expect(b.x).toBeCloseTo(a.x + a.width, 6);
    expect(c.x).toBeCloseTo(b.x + b.width, 6);
    expect(a.width / c.width).toBeCloseTo(3, 6);
    // The second stack starts at the axis like the first, though its first value is 0.
    expect(d.x).toBeCloseTo(a.x, 6);
    expect(e.x).toBeCloseTo(d.x + d.width, 6);
    // Both stacks on one scale: 8 is longer than 6 by 8/6; the scale ends at 10 (a nice 8).
    expect((d.width + e.width) / (a.width + b.width + c.width)).toBeCloseTo(8 / 6, 6);
    const ticks = axis();
    const end = ticks[ticks.length - 1];
    expect((d.width + e.width) / (end - ticks[0])).toBeCloseTo(8 / 10, 6);
    // One row per category: the segments of a stack share their row.
    expect(new Set([a.y, b.y, c.y]).size).toBe(1);
    expect(d.y).toBeGreaterThan(a.y);
  });

  it('never lets a stack run past a fixed scale end', async () => {
    fixture.componentInstance.max.set(5);
    await redraw();
    const ticks = axis();
    const end = ticks[ticks.length - 1];
    for (const bar of bars()) expect(bar.x + bar.width).toBeLessThanOrEqual(end + 1e-6);
    // Quảng Tân's 3 + 2 fill the scale; its 1 overdue has no room left and is not drawn.
    expect(bars().filter((b) => b.title.startsWith('UBND xã Quảng Tân')).map((b) => b.title)).toEqual(['UBND xã Quảng Tân — Trước hạn: 3', 'UBND xã Quảng Tân — Đúng hạn: 2']);
  });

  it('stacks upward from the axis in a vertical chart, and puts grouped bars side by side', async () => {
    fixture.componentInstance.horizontal.set(false);
    await redraw();
    const [a, b, c] = bars();
    expect(b.y + b.height).toBeCloseTo(a.y, 6);
    expect(c.y + c.height).toBeCloseTo(b.y, 6);
    expect(a.x).toBe(b.x);

    fixture.componentInstance.stacked.set(false);
    await redraw();
    const grouped = bars();
    const base = grouped[0].y + grouped[0].height;
    for (const bar of grouped) expect(bar.y + bar.height).toBeCloseTo(base, 6);
    expect(grouped[1].x).toBeGreaterThan(grouped[0].x);
  });
});
