/** Money over the year: budget frames with phasing, carry-over and shared pools, and forecasts (issue 17.5, 20.6). */
export * from './budget.ts';
export * from './forecast.ts';
