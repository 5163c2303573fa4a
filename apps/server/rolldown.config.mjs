// The server as plain JavaScript for `npm start` and the benchmarks: our TypeScript and the workspace
// packages it imports (@cap/*, which ship TypeScript source) are bundled; every npm dependency stays
// external. Running the built JS spares the process Node's TypeScript stripper (a WebAssembly module
// whose memory grows with each file it strips). The SQLite worker is CommonJS: a worker thread
// started on a CommonJS file skips the ES module loader, about 10 MB of memory less (see README).
import { readFileSync } from 'node:fs';
import { defineConfig } from 'rolldown';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const dependencies = Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@cap/'));
const external = (id) =>
	id.startsWith('node:') || dependencies.some((name) => id === name || id.startsWith(`${name}/`));

export default defineConfig([
	{
		input: { main: 'src/main.ts', app: 'src/app.ts', config: 'src/config.ts' },
		platform: 'node',
		external,
		output: {
			dir: 'dist',
			format: 'esm',
			entryFileNames: '[name].js',
			chunkFileNames: '[name]-[hash].js',
			sourcemap: true,
			cleanDir: true
		}
	},
	{
		input: { 'sqlite-worker': 'src/store/sqlite-worker.ts' },
		platform: 'node',
		external,
		output: { dir: 'dist', format: 'cjs', entryFileNames: '[name].cjs', sourcemap: true }
	}
]);
