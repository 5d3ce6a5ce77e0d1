CREATE TABLE "usage_counts" (
	"period" text NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"lang" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "usage_counts_period_kind_key_lang_pk" PRIMARY KEY("period","kind","key","lang"),
	CONSTRAINT "usage_counts_kind_check" CHECK ("usage_counts"."kind" in ('wegweiser_completion', 'topic_request', 'empty_search')),
	CONSTRAINT "usage_counts_period_check" CHECK ("usage_counts"."period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "usage_counts_count_check" CHECK ("usage_counts"."count" > 0)
);
