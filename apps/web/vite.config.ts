import { paraglideVitePlugin } from '@inlang/paraglide-js';
import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
// The repo's single source of Svelte compiler options (runes, preprocess). SvelteKit 3 no longer reads
// svelte.config.js itself, so we hand its options to the Kit plugin here; Kit options live beside them.
import svelteConfig from '../../svelte.config.js';

/** The API + sync server `vite dev` proxies to (apps/server listens on this port in dev). */
const apiTarget = `http://127.0.0.1:${process.env.CAP_API_PORT ?? '3001'}`;

/**
 * lib0/dom.js builds four type checks at load time (`$.$custom(...)`) that nothing of ours or of Yjs
 * uses; the bundler cannot tell these calls are pure, so they kept the whole of lib0/schema.js (about
 * 6.5 KB) on every page, through Yjs → lib0/logging → lib0/dom. Marked pure here, unused, they go.
 */
const lib0PureSchemaChecks = {
	name: 'cap:lib0-pure-schema-checks',
	transform: {
		filter: { id: /[\\/]lib0[\\/]dom\.js$/ },
		handler(code: string) {
			return { code: code.replaceAll('= $.$custom(', '= /* @__PURE__ */ $.$custom('), map: null };
		}
	}
};

export default defineConfig({
	plugins: [
		lib0PureSchemaChecks,
		// Unit tests import no messages; the plugin's project watcher would also keep vitest from exiting.
		!process.env.VITEST &&
			paraglideVitePlugin({
				project: './project.inlang',
				outdir: './src/lib/paraglide',
				// French first: a stored choice wins, otherwise French. The locale is then driven at runtime by
				// $lib/i18n (a $state), so switching language re-renders without a reload.
				strategy: ['localStorage', 'baseLocale'],
				localStorageKey: 'cap.locale'
			}),
		sveltekit({
			...svelteConfig,
			adapter: adapter(),
			// Content-Security-Policy of every page, as a response header: SvelteKit adds a nonce to its own
			// bootstrap script. Styles allow inline: Svelte and the editor set style attributes at runtime.
			// The server adds nosniff, no framing and no Referer (apps/server/src/http-util.ts).
			csp: {
				mode: 'auto',
				directives: {
					'default-src': ['self'],
					'script-src': ['self'],
					'style-src': ['self', 'unsafe-inline'],
					'img-src': ['self', 'data:', 'blob:'],
					'font-src': ['self', 'data:'],
					'connect-src': ['self'],
					'worker-src': ['self', 'blob:'],
					'object-src': ['none'],
					'base-uri': ['self'],
					'form-action': ['self'],
					'frame-ancestors': ['none']
				}
			},
			// Root-relative asset paths: the service worker answers any route offline with a page it kept
			// (src/service-worker), whose scripts must resolve the same from every address.
			paths: { relative: false }
		})
	],
	server: {
		proxy: {
			'/api': apiTarget,
			'/healthz': apiTarget,
			'/collab': { target: apiTarget, ws: true }
		}
	},
	test: {
		include: ['src/**/*.test.ts'],
		environment: 'node'
	}
});
