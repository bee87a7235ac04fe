/* cdr_int.h - internals shared by the CDR store's files (cdr.c, the writer
 * in cdr_write.c, the queries in cdr_query.c); not a contract. */
#ifndef CF_CDR_INT_H
#define CF_CDR_INT_H

#include <pthread.h>
#include <stddef.h>

#include <sqlite3.h>

#include "cdr.h"

enum col_type { COL_TEXT, COL_U64, COL_INT, COL_REAL };

/* One column of the legs table per field of struct cdr_leg, in struct
 * order, so the schema, the upserts and the JSON all come from one table.
 * rtp_* columns hold struct rtp_stats. */
struct col {
	const char *name;
	enum col_type type;
	size_t off;
	const char *dflt;   /* SQL inserted when the value is absent */
};

extern const struct col cdr_leg_cols[];
extern const size_t cdr_ncols;

enum stmt_id { ST_BEGIN, ST_UPDATE, ST_END, ST_END_FIX, ST_INV, ST_ACT,
	       ST_COUNT };

struct cdr_store {
	sqlite3 *db;       /* writer connection, used only by the worker */
	sqlite3 *rdb;      /* read-only connection for the queries */
	struct workq *wq;
	sqlite3_stmt *stmt[ST_COUNT];
	pthread_mutex_t err_lock;
	char seen[8][160]; /* distinct errors already logged */
	unsigned nseen;
};

/* A bounded SQL text builder; the statements it builds are a few KB. */
struct sbuf {
	char s[8192];
	size_t n;
};
void cdr_sbuf_printf(struct sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Logs an error the first time this exact message is seen. */
void cdr_store_fail(struct cdr_store *st, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int  cdr_sqlite_err(int rc);          /* SQLite result code -> errno */
int  cdr_stmts_prepare(struct cdr_store *st);

#endif
