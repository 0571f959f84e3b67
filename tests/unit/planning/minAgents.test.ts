import { describe, expect, it } from 'vitest';
import { staffChannelWeek, type ChannelWeek, type StaffingContext } from '../../../src/lib/planning/channelStaffing';
import { DEFAULT_SETTINGS } from '../../../src/lib/settings/defaults';
import { settingProblem, withDefaults } from '../../../src/lib/settings/validate';
import { businessOpen } from './planFixtures';
import { sectionValues } from '../../../src/routes/settings/settingsForm';

function context(channel: 'messaging' | 'voice', minAgents: number | null): StaffingContext {
	return {
		intervalMin: 30,
		sla: DEFAULT_SETTINGS.sla[channel],
		planning: { ...DEFAULT_SETTINGS.planning, min_agents: minAgents === null ? {} : { [channel]: minAgents } },
		maxOccupancy: 0.85,
		businessOpen
	};
}

describe('minimum agents per channel in business hours', () => {
	// messaging (1 business hour to answer): 4 arrivals of 300 s in each open half hour Monday to Thursday, none on Friday
	const messaging: ChannelWeek = {
		channel: 'messaging',
		mode: 'async',
		arrivals: businessOpen.map((o, t) => (o && t < 4 * 48 ? 4 : 0)),
		handleS: new Array<number>(336).fill(300),
		concurrency: 1,
		focusShare: 1,
		openS: null,
		patienceS: null
	};
	// Friday 10:00-17:00 (slots 4 x 48 + 20 .. 4 x 48 + 33): Thursday's last work is due by Friday 10:00, nothing after
	const fridayLate = Array.from({ length: 14 }, (_, k) => 4 * 48 + 20 + k);

	it('without one, an open interval with nothing to do has nobody', () => {
		const staffed = staffChannelWeek(messaging, context('messaging', null));
		expect(fridayLate.map((t) => staffed[t].agents)).toEqual(new Array<number>(14).fill(0));
	});

	it('staffs every open interval with at least the minimum, and nothing outside', () => {
		// min 2: Friday's quiet half hours get 2 agents, ceil(2 / 0.7) = 3 scheduled; Saturday none
		const staffed = staffChannelWeek(messaging, context('messaging', 2));
		expect(fridayLate.map((t) => [staffed[t].agents, staffed[t].agentsScheduled])).toEqual(new Array(14).fill([2, 3]));
		expect(staffed.filter((_, t) => businessOpen[t]).every((s) => s.agents >= 2 && s.agentsScheduled >= 3)).toBe(true);
		expect(staffed.filter((_, t) => !businessOpen[t]).every((s) => s.agents === 0 && s.agentsScheduled === 0)).toBe(true);
	});

	it('keeps a sync line staffed when nothing is forecast', () => {
		// voice with no volume: 2 agents, ceil(2 / 0.7) = 3 scheduled in open intervals, none at night
		const voice: ChannelWeek = {
			channel: 'voice',
			mode: 'sync',
			arrivals: new Array<number>(336).fill(0),
			handleS: new Array<number>(336).fill(300),
			concurrency: null,
			focusShare: 1,
			openS: null,
			patienceS: null
		};
		const staffed = staffChannelWeek(voice, context('voice', 2));
		expect(staffed[18]).toMatchObject({ agents: 2, agentsScheduled: 3, serviceLevel: 1 });
		expect(staffed[2]).toMatchObject({ agents: 0, agentsScheduled: 0 });
	});

	it('validates the setting and fills it into older stored planning settings', () => {
		const { min_agents: _, ...older } = DEFAULT_SETTINGS.planning;
		expect(withDefaults('planning', older).min_agents).toEqual({});
		expect(settingProblem('planning', { ...DEFAULT_SETTINGS.planning, min_agents: { email: 2 } })).toBeNull();
		expect(settingProblem('planning', { ...DEFAULT_SETTINGS.planning, min_agents: { email: -1 } })).toBe(
			'The planning.min_agents (whole agents from 0 to 10000) for email is not valid.'
		);
		expect(settingProblem('planning', { ...DEFAULT_SETTINGS.planning, min_agents: { email: 1.5 } })).toBe(
			'The planning.min_agents (whole agents from 0 to 10000) for email is not valid.'
		);
		expect(settingProblem('planning', { ...DEFAULT_SETTINGS.planning, min_agents: { fax: 1 } })).toBe(
			'"fax" is not a channel; use voice, chat, messaging, sms, whatsapp, social, email, other.'
		);
	});

	it('is read from the Settings form: empty and 0 mean no minimum', () => {
		const form = new FormData();
		for (const [name, value] of Object.entries({
			'planning.interval_min': '30',
			'planning.weeks_history': '4',
			'planning.horizon_days': '7',
			'planning.growth': '0',
			'planning.shrinkage': '30',
			'planning.max_concurrency': '5',
			'planning.max_abandon': '',
			'planning.min_agents.voice': '2',
			'planning.min_agents.email': '0',
			'planning.min_agents.sms': ''
		}))
			form.set(name, value);
		expect((sectionValues('planning', form).planning as { min_agents: unknown }).min_agents).toEqual({ voice: 2 });
	});
});
