export { createAlertEngine, PROBE_FEED_CURSOR, type AlertEngine, type AlertEngineOptions } from './alert-engine.ts';
export { probeDedupKey, probeSignals } from './probe-signals.ts';
export { raiseAssetReminders } from './asset-reminders.ts';
export { createRuleEvaluator, evaluateRules, ruleDedupKey } from './rules.ts';
