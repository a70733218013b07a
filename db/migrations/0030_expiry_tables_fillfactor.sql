-- Custom SQL migration file, put your code below! --
-- Rows of these tables are each rewritten at least once after insert (a line's stock released; a payment voided,
-- captured or refunded; a sandbox hold voided or captured), and rows made together end together (gifts expire in the
-- order they were sent), so every row of a page is rewritten at about the same time. Half of each page is left free
-- for those next versions: the updates stay HOT (same page, no new index entries) instead of moving each row to a new
-- page and adding an entry to every index. Applies to pages written from now on.
ALTER TABLE "order_lines" SET (fillfactor = 50);--> statement-breakpoint
ALTER TABLE "payments" SET (fillfactor = 50);--> statement-breakpoint
ALTER TABLE "processor_sandbox_authorizations" SET (fillfactor = 50);
