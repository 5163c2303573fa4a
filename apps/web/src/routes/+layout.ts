// Cap is a live client of a Yjs document: pages render in the browser only (no SSR), which also lets
// the interface language come from this browser's stored choice from the first paint.
export const ssr = false;
export const prerender = false;
