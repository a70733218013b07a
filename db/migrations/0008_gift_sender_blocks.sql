CREATE TABLE "gift_sender_blocks" (
	"recipient_user_id" uuid NOT NULL,
	"giver_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gift_sender_blocks_recipient_user_id_giver_id_pk" PRIMARY KEY("recipient_user_id","giver_id")
);
--> statement-breakpoint
ALTER TABLE "gift_sender_blocks" ADD CONSTRAINT "gift_sender_blocks_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gift_sender_blocks" ADD CONSTRAINT "gift_sender_blocks_giver_id_users_id_fk" FOREIGN KEY ("giver_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;