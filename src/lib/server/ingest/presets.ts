import freshdesk from './presets/freshdesk.json' with { type: 'json' };
import generic from './presets/generic.json' with { type: 'json' };
import intercom from './presets/intercom.json' with { type: 'json' };
import messages from './presets/messages.json' with { type: 'json' };
import zendesk from './presets/zendesk.json' with { type: 'json' };
import type { Kind } from './fields';

/** A column holding the time after created_at, in `unit`. */
export interface PresetDuration {
	duration: string;
	unit: 's' | 'ms' | 'min' | 'h';
}

/** Where a field comes from in a preset: a header, a duration, or the first non-empty of several of these (per row). */
export type PresetFieldSource = string | PresetDuration | (string | PresetDuration)[];

/** A vendor's export shape, kept as data (presets/*.json): adding a vendor is adding a file here. */
export interface Preset {
	name: string;
	kind: Kind;
	/** headers that must all be present for the preset to be detected */
	detect: string[];
	fields: Record<string, PresetFieldSource>;
	/** per field: raw value (lower case) → canonical value */
	values: Record<string, Record<string, string>>;
}

export const PRESETS: Preset[] = [zendesk, intercom, freshdesk, messages, generic] as Preset[];
export const PRESET_NAMES = PRESETS.map((p) => p.name);
export type PresetName = 'generic' | 'messages' | 'zendesk' | 'intercom' | 'freshdesk';

export function presetByName(name: string): Preset | undefined {
	return PRESETS.find((p) => p.name === name);
}

/** The vendor preset whose signature headers are all present, if any. */
export function detectVendorPreset(headers: string[]): Preset | undefined {
	const present = new Set(headers.map((h) => h.toLowerCase()));
	return PRESETS.find((p) => p.detect.length > 0 && p.detect.every((h) => present.has(h.toLowerCase())));
}
