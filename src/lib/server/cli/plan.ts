import type { CliCommand } from './command';
import { PLAN_OPTIONS, planForDataset, planOverrides } from '../planning/run';

const pct = (w: number | null) => (w === null ? 'n/a' : `${Math.round(w * 100)}%`);
const DECISION_WORDS = {
	move: 'change the mix',
	keep_current: "keep today's mix, no material difference",
	insufficient_history: 'no recommendation, too little history'
};

export const planCommand: CliCommand = {
	spec: 'plan',
	description: 'Forecast, staffing per interval and the channel-mix recommendation with its reasons',
	options: PLAN_OPTIONS,
	examples: ['plan --dataset demo --json', 'plan --growth 0.05 --horizon-days 14'],
	async run(_args, options, context) {
		const db = await context.database();
		const { plan, currency } = await planForDataset(db.connection, planOverrides(options));
		const { recommended } = plan.mix;
		const text = [
			`Plan for ${plan.dataset} (${plan.timezone}, ${plan.interval_min}-minute intervals, ${plan.weeks_history} weeks of history)`,
			'Forecast per channel (backtest WAPE, lower is better; baseline = the same interval last week):',
			...Object.entries(plan.forecast).map(
				([c, f]) =>
					`- ${c}: ${f.method === 'holt_winters' ? 'Holt-Winters' : `${plan.weeks_history}-week mean`} ${pct(f.backtest_wape)} vs baseline ${pct(f.seasonal_naive_wape)}`
			),
			...(plan.forecast_quantile !== 0.5 ? [`Staffed to the ${Math.round(plan.forecast_quantile * 100)}th percentile of each interval's forecast`] : []),
			`Scheduled agent-hours over the horizon: ${Math.round(plan.intervals.reduce((s, r) => s + (r.agents_scheduled * plan.interval_min) / 60, 0))}`,
			`Async share today ${Math.round(plan.mix.current_async_share * 100)}%, recommended ${Math.round(recommended.async_share * 100)}% (${DECISION_WORDS[plan.mix.decision]}): ${Math.round(recommended.cost)} ${currency} a week, saving ${Math.round(recommended.saving_vs_current)} ${currency}`,
			...plan.mix.reasons.map((r) => `- ${r}`)
		].join('\n');
		context.print(plan, text);
	}
};
