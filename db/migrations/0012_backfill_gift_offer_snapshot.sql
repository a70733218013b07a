-- Data step: existing gift offers get the recipient-facing snapshot (giver's name, first item's title and image, the
-- order's unit count, "and N more" when the order has several lines), as new offers get at creation.
UPDATE "gift_offers" g SET
  "giver_display_name" = u."name",
  "item_title" = s."title",
  "item_image_url" = s."image_url",
  "item_quantity" = s."quantity"
FROM "users" u, (
  SELECT l."order_id",
    (array_agg(l."title" ORDER BY l."id"))[1] || CASE WHEN count(*) > 1 THEN ' and ' || (count(*) - 1) || ' more' ELSE '' END AS "title",
    (array_agg(o."image_url" ORDER BY l."id"))[1] AS "image_url",
    sum(l."quantity")::int AS "quantity"
  FROM "order_lines" l JOIN "offers" o ON o."id" = l."offer_id"
  GROUP BY l."order_id"
) s
WHERE u."id" = g."giver_id" AND s."order_id" = g."order_id" AND g."item_title" = '';
