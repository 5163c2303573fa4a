/** The plan's context (step 3 of the method): personae, watch, SWOT, marketing mix, workshop prompts, what ideas and actions answer. */
export * from './personas.ts';
export * from './watch.ts';
export * from './swot.ts';
export * from './mix.ts';
export * from './prompts.ts';
export * from './answers.ts';
