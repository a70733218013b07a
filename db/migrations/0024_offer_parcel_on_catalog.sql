-- An offer's size tier and shipping weight are stored once, on the catalog's offer: copy what sellers saved with
-- their parcel dimensions there before the shipping profile's own copies are dropped (next migration).
UPDATE "offers" AS o SET "size_class" = p."size_tier", "weight_oz" = p."weight_oz"
FROM "offer_shipping_profiles" AS p
WHERE p."offer_id" = o."id";
