/**
 * The Plan page's what-ifs live in its URL (a reload or a shared link shows the same plan): each change replaces the
 * query without a navigation, so the server load does not run again.
 */
import { replaceState } from '$app/navigation';
import { page } from '$app/state';
import { searchWithWhatIf, type WhatIf } from './whatIf';

/** Browsers throttle history updates (Safari refuses more than 100 in 30 s): write once the slider rests. */
const SETTLE_MS = 250;

/** Keeps the URL in step with `current()` from the first change on (an untouched page keeps its URL as it came). */
export function keepWhatIfInUrl(current: () => WhatIf): void {
	let first = true;
	$effect(() => {
		const search = searchWithWhatIf(page.url.search, current());
		if (first) {
			first = false;
			return;
		}
		if (search === page.url.search) return;
		// eslint-disable-next-line svelte/no-navigation-without-resolve -- a query on the page itself: no path to resolve
		const timer = setTimeout(() => replaceState(search, page.state), SETTLE_MS);
		return () => clearTimeout(timer);
	});
}
