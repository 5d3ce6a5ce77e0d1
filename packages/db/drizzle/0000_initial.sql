CREATE TABLE "agencies" (
	"id" text PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"status" text NOT NULL,
	"data" jsonb NOT NULL,
	"published" jsonb,
	"published_at" timestamp with time zone,
	"owner_agency_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text,
	CONSTRAINT "agencies_status_check" CHECK ("agencies"."status" in ('draft', 'in_review', 'published', 'archived')),
	CONSTRAINT "agencies_version_check" CHECK ("agencies"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" text,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"version" integer,
	"before" jsonb,
	"after" jsonb,
	"comment" text
);
--> statement-breakpoint
CREATE TABLE "locations" (
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"position" integer NOT NULL,
	"data" jsonb NOT NULL,
	CONSTRAINT "locations_entity_type_entity_id_position_pk" PRIMARY KEY("entity_type","entity_id","position"),
	CONSTRAINT "locations_entity_type_check" CHECK ("locations"."entity_type" in ('offer', 'agency'))
);
--> statement-breakpoint
CREATE TABLE "meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"id" text PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"status" text NOT NULL,
	"data" jsonb NOT NULL,
	"published" jsonb,
	"published_at" timestamp with time zone,
	"owner_agency_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text,
	CONSTRAINT "offers_status_check" CHECK ("offers"."status" in ('draft', 'in_review', 'published', 'archived')),
	CONSTRAINT "offers_version_check" CHECK ("offers"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "rule_sets" (
	"version" serial PRIMARY KEY NOT NULL,
	"rule_set_id" text NOT NULL,
	"data" jsonb NOT NULL,
	"personas" jsonb NOT NULL,
	"status" text NOT NULL,
	"restored_from" integer,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"published_at" timestamp with time zone,
	"published_by" text,
	CONSTRAINT "rule_sets_status_check" CHECK ("rule_sets"."status" in ('draft', 'published', 'superseded'))
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"label" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sessions_kind_check" CHECK ("sessions"."kind" in ('cookie', 'token'))
);
--> statement-breakpoint
CREATE TABLE "translations" (
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"field" text NOT NULL,
	"lang" text NOT NULL,
	"text" text NOT NULL,
	"status" text NOT NULL,
	"source_hash" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "translations_entity_type_entity_id_field_lang_pk" PRIMARY KEY("entity_type","entity_id","field","lang"),
	CONSTRAINT "translations_entity_type_check" CHECK ("translations"."entity_type" in ('offer', 'agency')),
	CONSTRAINT "translations_status_check" CHECK ("translations"."status" in ('source', 'reviewed', 'machine', 'outdated'))
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"partner_agency_id" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_lower_check" CHECK ("users"."email" = lower("users"."email")),
	CONSTRAINT "users_role_check" CHECK ("users"."role" in ('admin', 'editor', 'reviewer', 'partner')),
	CONSTRAINT "users_partner_agency_check" CHECK (("users"."role" = 'partner') = ("users"."partner_agency_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_owner_agency_id_agencies_id_fk" FOREIGN KEY ("owner_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_owner_agency_id_agencies_id_fk" FOREIGN KEY ("owner_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_partner_agency_id_agencies_id_fk" FOREIGN KEY ("partner_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agencies_status_idx" ON "agencies" USING btree ("status");--> statement-breakpoint
CREATE INDEX "agencies_owner_idx" ON "agencies" USING btree ("owner_agency_id");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_user_idx" ON "audit_log" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "offers_status_idx" ON "offers" USING btree ("status");--> statement-breakpoint
CREATE INDEX "offers_owner_idx" ON "offers" USING btree ("owner_agency_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rule_sets_one_published_idx" ON "rule_sets" USING btree ("status") WHERE "rule_sets"."status" = 'published';--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "translations_lang_status_idx" ON "translations" USING btree ("lang","status");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_idx" ON "users" USING btree ("email");