import { describe, expect, it } from 'vitest';
import { reportHref, searchWithWhatIf, whatIfFromParams, whatIfToParams, type WhatIf } from '../../../src/lib/components/plan/whatIf';
import { parseStaffedShare } from '../../../src/lib/planning/staffedMix';

const saved: WhatIf = { growth: 0.05, ahtFactor: 1, concurrencyFactor: 1, shrinkage: 0.3, asyncShare: null };
const read = (query: string) => whatIfFromParams(new URLSearchParams(query), saved);

describe('what-ifs in the URL', () => {
	it('reads back what it writes, and keeps the saved values for what is missing', () => {
		const whatIf: WhatIf = { growth: 0.2, ahtFactor: 1.1, concurrencyFactor: 0.9, shrinkage: 0.4, asyncShare: 0.3 };
		expect(whatIfFromParams(whatIfToParams(whatIf), saved)).toEqual(whatIf);
		expect(read('growth=0.2')).toEqual({ ...saved, growth: 0.2 });
	});

	it('puts the share on the slider exactly (0.3, not 0.30000000000000004) and clamps to the slider ranges', () => {
		// 0.33 → the nearest tenth 0.3; 2.5 → the range's 1; growth 9 → the slider's most, 1 (+100%)
		expect(read('share=0.33').asyncShare).toBe(0.3);
		expect(read('share=0.3').asyncShare).toBe(0.3);
		expect(read('share=2.5').asyncShare).toBe(1);
		expect(read('growth=9&shrinkage=-1')).toMatchObject({ growth: 1, shrinkage: 0 });
		// not a number: the saved value (the recommendation for the share)
		expect(read('share=today&growth=lots')).toMatchObject({ asyncShare: null, growth: 0.05 });
	});

	it('replaces the what-ifs in a page query, keeping the dataset; an export link sets the mix picked', () => {
		const whatIf: WhatIf = { ...saved, growth: 0.2, asyncShare: 0.3 };
		expect(searchWithWhatIf('?dataset=demo&growth=0.5&share=0.9', whatIf)).toBe('?dataset=demo&growth=0.2&aht=1&concurrency=1&shrinkage=0.3&share=0.3');
		const query = 'growth=0.2&share=0.3&dataset=demo';
		expect(reportHref('pdf', query, 'slider')).toBe('/plan/export/pdf?growth=0.2&share=0.3&dataset=demo');
		expect(reportHref('csv', query, 'today')).toBe('/plan/export/csv?growth=0.2&share=today&dataset=demo');
		expect(reportHref('xlsx', query, 'recommended')).toBe('/plan/export/xlsx?growth=0.2&dataset=demo');
	});

	it('reads the mix a report staffs, or says in one sentence what to give', () => {
		expect(parseStaffedShare(undefined)).toEqual({ share: null });
		expect(parseStaffedShare('recommended')).toEqual({ share: null });
		expect(parseStaffedShare('today')).toEqual({ share: 'today' });
		expect(parseStaffedShare('0.6')).toEqual({ share: 0.6 });
		expect(parseStaffedShare('1.5')).toEqual({ problem: 'The async share to staff must be a share from 0 to 1, "today" or "recommended"; got "1.5".' });
	});
});
