/** A binary min-heap of timed events; ties break by insertion order so runs are deterministic. */
export interface TimedEvent {
	t: number;
	seq: number;
}

export class EventHeap<E extends TimedEvent> {
	private readonly items: E[] = [];
	private counter = 0;

	get size(): number {
		return this.items.length;
	}

	push(event: Omit<E, 'seq'>): void {
		const item = event as E;
		item.seq = this.counter++;
		const items = this.items;
		let i = items.push(item) - 1;
		while (i > 0) {
			const parent = (i - 1) >> 1;
			if (!before(item, items[parent])) break;
			items[i] = items[parent];
			i = parent;
		}
		items[i] = item;
	}

	peek(): E | undefined {
		return this.items[0];
	}

	pop(): E | undefined {
		const items = this.items;
		const top = items[0];
		const last = items.pop();
		if (items.length === 0 || last === undefined) return top;
		let i = 0;
		const n = items.length;
		for (;;) {
			const left = 2 * i + 1;
			if (left >= n) break;
			const right = left + 1;
			const child = right < n && before(items[right], items[left]) ? right : left;
			if (!before(items[child], last)) break;
			items[i] = items[child];
			i = child;
		}
		items[i] = last;
		return top;
	}
}

function before(a: TimedEvent, b: TimedEvent): boolean {
	return a.t < b.t || (a.t === b.t && a.seq < b.seq);
}
