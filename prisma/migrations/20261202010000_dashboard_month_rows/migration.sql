-- The dashboard's incident summary gains month rows (close_time_month, reported_month), which
-- only a count from scratch writes for what is already there: every merchant's summary is marked
-- as never counted, so the first dashboard read (or npm run dashboard:rebuild) counts it again
DELETE FROM "DashboardRollupState";
