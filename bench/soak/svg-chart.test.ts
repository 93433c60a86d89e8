/** The soak chart's writer: round axes, a log axis for latencies, escaped text, gaps and bars drawn as such. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeXml, linearAxis, logAxis, niceStep, renderChart } from './svg-chart.ts';

describe('the soak chart', () => {
  it('picks round steps of 1, 2 or 5 times a power of ten', () => {
    assert.equal(niceStep(100, 4), 50);
    assert.equal(niceStep(37, 4), 10);
    assert.equal(niceStep(6.5, 4), 2);
    assert.equal(niceStep(0, 4), 1);
  });

  it('starts a linear axis at 0, or at the rounded-down minimum when fitted (memory drift stays visible)', () => {
    assert.deepEqual(linearAxis([3, 37], false).ticks, [0, 10, 20, 30, 40]);
    const fitted = linearAxis([301, 338], true);
    assert.deepEqual(fitted.ticks, [300, 310, 320, 330, 340]);
    assert.equal(fitted.position(300), 0);
    assert.equal(fitted.position(340), 1);
  });

  it('spans whole decades on a log axis, so that p50 and a 100 times larger p99 both read', () => {
    const axis = logAxis([12, 3400]);
    assert.equal(axis.ticks[0], 10);
    assert.equal(axis.ticks.at(-1), 10_000);
    assert.equal(axis.position(100), 1 / 3);
    assert.equal(axis.position(1000), 2 / 3);
  });

  it('writes a standalone SVG with escaped text, one polyline per unbroken run, and bars', () => {
    const svg = renderChart('A <soak> & more', 'sub', [
      { title: 'latency', unit: 'ms', log: true, series: [{ name: 'p99', color: '#f00', points: [[0, 10], [1, 20], [2, null], [3, 30], [4, 40]] }] },
      { title: 'errors', unit: 'n', series: [{ name: 'errors', color: '#00f', points: [[0, 0], [1, 5], [2, 0]], bars: true }] },
    ], 4);
    assert.ok(svg.startsWith('<?xml'));
    assert.match(svg, /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.ok(svg.includes('A &lt;soak&gt; &amp; more'));
    assert.equal(svg.match(/<polyline /g)?.length, 2, 'the gap splits the line in two');
    // One bar for the one window with errors (the legend's swatch is the other rect with its colour).
    assert.equal(svg.match(/<rect [^>]*fill="#00f"/g)?.length, 2);
    assert.equal(escapeXml('"a"'), '&quot;a&quot;');
  });
});
