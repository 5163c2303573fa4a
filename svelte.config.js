// The single source of Cap's Svelte compiler options.
//
// SvelteKit 3 no longer reads this file itself: apps/web/vite.config.ts imports it and hands these
// options to the `sveltekit()` Vite plugin, and the Svelte tooling (svelte-check, eslint-plugin-svelte,
// the editor language server) reads it from here. Kit options live in the Vite config, not here.
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/vite-plugin-svelte').SvelteConfig} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		runes: true
	}
};

export default config;
