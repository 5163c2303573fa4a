/**
 * Cap's service worker: the app opens without a network. The build (scripts, styles) and the static
 * files are cached at install under this version's name; pages are fetched from the network first and
 * their last answer kept, so a reload offline shows the app (which renders in the browser only, so any
 * page's HTML boots any route) and the plan comes from the device's IndexedDB copy (the sync module).
 * The API, the websocket and the health check are never cached: their answers are live or nothing.
 */
import { assets, immutable } from '$app/manifest';
import { version } from '$app/env';
import { self } from '$app/service-worker';

const CACHE = `cap-${version}`;
/** The page kept for any route the device has not opened online yet. */
const SHELL = '/';
const PRECACHE = [...immutable, ...assets].map((file) => new URL(file.path, self.location.origin).pathname);
const PRECACHED = new Set(PRECACHE);
const LIVE = ['/api/', '/collab', '/healthz'];

self.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const cache = await caches.open(CACHE);
			await cache.addAll([...PRECACHE, SHELL]);
			await self.skipWaiting();
		})()
	);
});

self.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
			await self.clients.claim();
		})()
	);
});

async function fromCacheFirst(request: Request): Promise<Response> {
	const cache = await caches.open(CACHE);
	return (await cache.match(request)) ?? fetch(request);
}

/** Network first; its answer is kept for the next time offline. Offline: the kept page, or the shell. */
async function page(request: Request): Promise<Response> {
	const cache = await caches.open(CACHE);
	try {
		const response = await fetch(request);
		if (response.ok) await cache.put(request, response.clone());
		return response;
	} catch (error) {
		const kept = (await cache.match(request)) ?? (await cache.match(SHELL));
		if (kept) return kept;
		throw error;
	}
}

self.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== self.location.origin || LIVE.some((prefix) => url.pathname.startsWith(prefix))) return;
	if (PRECACHED.has(url.pathname)) event.respondWith(fromCacheFirst(request));
	else if (request.mode === 'navigate') event.respondWith(page(request));
});
