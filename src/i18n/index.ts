export * from './format.ts';
export * from './labels.ts';
