export * from './annex2.ts';
export * from './annex3.ts';
export * from './annex4.ts';
export * from './annex5.ts';
export * from './application.ts';
export * from './common.ts';
