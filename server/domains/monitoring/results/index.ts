export { ensurePartitions, dropPartitionsBefore, listPartitions, partitionName, PARTITIONED_TABLES, type PartitionedTable } from './partitions.ts';
export { createResultsWriter, insertResults, CHECK_STATUS_CODES, type ProbeResultInput, type ResultsWriter, type ResultsWriterOptions, type ResultsWriterStats } from './results-writer.ts';
export { rollUp, ROLLUP_DELAY_MS, type RollUpOptions, type RollUpSummary } from './rollups.ts';
export { applyResultsRetention, DEFAULT_RAW_RETENTION_DAYS, DEFAULT_ROLLUP_RETENTION_DAYS, type ResultsRetentionSummary } from './retention.ts';
export { probeAvailability, assetAvailabilityOf, type Availability, type AssetAvailability, type OutageRecord, type PeriodOutage, type TimeInterval } from './availability.ts';
export { loadOutages, assetAvailability, monthlyAvailability, shanghaiMonthStart, OUTAGE_STATES, type MonthAvailability } from './availability.queries.ts';
export { latencySeries, sparklines, uptimeRatios, seriesGrain, type SeriesPoint, type SeriesGrain, type UptimeRatios } from './series.ts';
export { bucketStart, type Grain } from './grains.ts';
export { resultsJobHandlers, RESULTS_JOBS, type ResultsJobDeps } from './results.jobs.ts';
