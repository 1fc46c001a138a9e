import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { heapFlags } from './heap.ts';

describe('the server’s heap policy', () => {
  it('turns a growing percentage into V8’s flag, and 0 into none (V8’s adaptive factor)', () => {
    expect(heapFlags(50)).toEqual(['--heap-growing-percent=50']);
    expect(heapFlags(0)).toEqual([]);
  });

  it('defaults to 50 % and refuses a value outside 0–300, naming the variable', () => {
    expect(loadConfig({}).TILDEL_HEAP_GROWING_PERCENT).toBe(50);
    expect(loadConfig({ TILDEL_HEAP_GROWING_PERCENT: '0' }).TILDEL_HEAP_GROWING_PERCENT).toBe(0);
    expect(() => loadConfig({ TILDEL_HEAP_GROWING_PERCENT: '500' })).toThrow(/TILDEL_HEAP_GROWING_PERCENT/);
    expect(() => loadConfig({ TILDEL_HEAP_GROWING_PERCENT: 'lots' })).toThrow(/TILDEL_HEAP_GROWING_PERCENT/);
  });
});
