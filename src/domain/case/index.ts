export * from './vocabulary.ts';
export * from './actions.ts';
export * from './state.ts';
export * from './transitions.ts';
export * from './decisionContent.ts';
