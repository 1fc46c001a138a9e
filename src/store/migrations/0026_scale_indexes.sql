-- tildel 0026: indexes the Oslo-size scale set showed were missing (issue 18; bench/reports.ts --explain,
-- figures in docs/scale.md).
--
-- A month's visits of every provider (store/provider.ts visitsIn: the delivery, continuity, settlement,
-- payment-basis and steering reports) were read by a sequential scan of every visit the municipality
-- ever had: the existing indexes lead with a case or a provider. With two years of visits that is about
-- 24 times the rows the month needs.
CREATE INDEX visit_month_idx ON visit (municipality_id, visit_date);

-- The same query leaves out visits a later row corrects (NOT EXISTS … l.corrects = v.id). Without an
-- index the anti-join scanned every visit a second time; corrections are rare, so a partial index holds
-- only them and the check is an index probe.
CREATE INDEX visit_corrects_idx ON visit (municipality_id, corrects) WHERE corrects IS NOT NULL;
