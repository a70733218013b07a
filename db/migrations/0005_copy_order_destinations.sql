-- Data step: every order that has a ship-to on its own row gets its destination record, keyed to the account the
-- parcel goes to (the gift's recipient when the order records one, else the buyer). The next migration drops the
-- ship_to_* columns from orders.
INSERT INTO "order_destinations" ("order_id", "recipient_user_id", "full_name", "line1", "line2", "city", "state", "zip", "created_at")
SELECT o."id", coalesce(o."recipient_user_id", o."buyer_id"), o."ship_to_name", o."ship_to_line1", o."ship_to_line2", o."ship_to_city", o."ship_to_state", o."ship_to_zip", coalesce(o."placed_at", o."created_at")
FROM "orders" o
WHERE o."ship_to_line1" IS NOT NULL AND o."ship_to_name" IS NOT NULL AND o."ship_to_city" IS NOT NULL AND o."ship_to_state" IS NOT NULL AND o."ship_to_zip" IS NOT NULL
ON CONFLICT ("order_id") DO NOTHING;
