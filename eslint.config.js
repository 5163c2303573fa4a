// One lint configuration for the whole repo (flat config).
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** Imports go one way: web and server depend on plan-model and protocol, never on each other. */
const boundaries = (forbidden) => ({
	'no-restricted-imports': [
		'error',
		{ patterns: forbidden.map((group) => ({ group: [group], message: 'Cap packages import one way only.' })) }
	]
});

export default ts.config(
	{
		ignores: [
			'**/node_modules/',
			'**/.svelte-kit/',
			'**/build/',
			'**/dist/',
			'.tools/',
			'.turbo/',
			'data/',
			'**/test-results/',
			'**/playwright-report/',
			'apps/web/src/lib/paraglide/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			'@typescript-eslint/consistent-type-imports': 'error'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{ files: ['packages/protocol/**'], rules: boundaries(['@cap/*', 'yjs']) },
	{
		files: ['packages/plan-model/**'],
		rules: boundaries(['@cap/server', '@cap/web', '@hocuspocus/*', 'svelte*'])
	},
	{ files: ['apps/server/**'], rules: boundaries(['@cap/web', '**/apps/web/**', '$lib/*']) },
	{ files: ['apps/web/**'], rules: boundaries(['@cap/server', '**/apps/server/**']) }
);
