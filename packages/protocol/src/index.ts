/**
 * Cap's wire contract, shared by the sync server and the web app. It imports only valibot (to validate
 * messages), so both sides (and tests) agree on names, codes and shapes without depending on each other.
 */
export * from './roles.ts';
export * from './documents.ts';
export * from './close.ts';
export * from './awareness.ts';
export * from './api.ts';
export * from './workshop.ts';
export * from './workshop-parse.ts';
