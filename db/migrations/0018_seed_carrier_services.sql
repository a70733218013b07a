-- Carriers and services are reference data every database needs (lib/shipping/carriers.ts is the source; db/seed/shipping.ts upserts the same rows on seed).
INSERT INTO "carrier_services" ("id", "carrier", "name", "transit_days", "delivery_weekdays", "saturday_pickup", "saturday_drop_off", "sunday_pickup", "sunday_drop_off", "special_operating_plan", "rate_base_cents", "rate_per_zone_cents", "rate_per_lb_cents", "max_weight_lb", "sort_order") VALUES
('ups-ground', 'UPS', 'UPS Ground', '{1,1,2,3,3,4,4,5}'::smallint[], '{1,2,3,4,5}'::smallint[], 'limited', 'no', 'limited', 'no', false, 895, 85, 60, 150, 10),
('ups-2nd-day-air', 'UPS', 'UPS 2nd Day Air', '{2,2,2,2,2,2,2,2}'::smallint[], '{1,2,3,4,5,6}'::smallint[], 'yes', 'yes', 'no', 'no', false, 1895, 240, 190, 150, 11),
('ups-next-day-air', 'UPS', 'UPS Next Day Air', '{1,1,1,1,1,1,1,1}'::smallint[], '{1,2,3,4,5,6}'::smallint[], 'yes', 'yes', 'no', 'no', false, 3495, 420, 310, 150, 12),
('fedex-ground', 'FedEx', 'FedEx Ground', '{1,1,2,3,3,4,4,5}'::smallint[], '{1,2,3,4,5}'::smallint[], 'limited', 'no', 'limited', 'no', false, 885, 85, 58, 150, 20),
('fedex-home-delivery', 'FedEx', 'FedEx Home Delivery', '{1,1,2,3,3,4,4,5}'::smallint[], '{1,2,3,4,5}'::smallint[], 'no', 'no', 'no', 'no', false, 925, 90, 62, 70, 21),
('fedex-2day', 'FedEx', 'FedEx 2Day', '{2,2,2,2,2,2,2,2}'::smallint[], '{1,2,3,4,5,6}'::smallint[], 'yes', 'yes', 'no', 'no', false, 1875, 235, 185, 150, 22),
('fedex-standard-overnight', 'FedEx', 'FedEx Standard Overnight', '{1,1,1,1,1,1,1,1}'::smallint[], '{1,2,3,4,5,6}'::smallint[], 'yes', 'yes', 'no', 'no', false, 3395, 410, 300, 150, 23),
('usps-ground-advantage', 'USPS', 'USPS Ground Advantage', '{2,2,3,3,4,4,5,5}'::smallint[], '{1,2,3,4,5,6}'::smallint[], 'yes', 'yes', 'limited', 'limited', false, 545, 45, 75, 70, 30),
('usps-priority-mail', 'USPS', 'USPS Priority Mail', '{1,1,2,2,2,3,3,3}'::smallint[], '{1,2,3,4,5,6}'::smallint[], 'yes', 'yes', 'limited', 'limited', false, 895, 110, 95, 70, 31),
('ontrac-ground', 'OnTrac', 'OnTrac Ground (special operating plan)', '{1,1,1,2,2,3,3,4}'::smallint[], '{1,2,3,4,5,6}'::smallint[], 'no', 'no', 'no', 'no', true, 795, 70, 50, 150, 40),
('usps-priority-mail-express', 'USPS', 'USPS Priority Mail Express', '{1,1,1,1,2,2,2,2}'::smallint[], '{0,1,2,3,4,5,6}'::smallint[], 'yes', 'yes', 'limited', 'limited', false, 2995, 320, 210, 70, 32)
ON CONFLICT ("id") DO NOTHING;
