/* cdr_query.c - the CDR store's synchronous queries: legs and whole calls
 * as JSON, read on the store's own read-only connection. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cdr_int.h"

/* SIP display names are not guaranteed UTF-8, and jansson refuses such
 * strings; show them with the bad bytes replaced rather than lose them. */
static json_t *json_text(const unsigned char *s)
{
	json_t *v;
	char *c;
	size_t i;

	if (!s)
		return json_null();
	v = json_string((const char *)s);
	if (v)
		return v;
	c = strdup((const char *)s);
	if (!c)
		return NULL;
	for (i = 0; c[i]; i++) {
		if ((unsigned char)c[i] >= 0x80)
			c[i] = '?';
	}
	v = json_string(c);
	free(c);
	return v;
}

static json_t *col_json(sqlite3_stmt *s, int i, enum col_type type)
{
	switch (type) {
	case COL_TEXT: return json_text(sqlite3_column_text(s, i));
	case COL_REAL: return json_real(sqlite3_column_double(s, i));
	default:       return json_integer(sqlite3_column_int64(s, i));
	}
}

/* A legs row selected with the columns of cdr_leg_cols, in order. */
static json_t *leg_json(sqlite3_stmt *s)
{
	json_t *o = json_object(), *rtp = json_object();
	size_t i;
	int err = 0;

	if (!o || !rtp)
		goto fail;
	for (i = 0; i < cdr_ncols && !err; i++) {
		const struct col *c = &cdr_leg_cols[i];
		json_t *v = col_json(s, (int)i, c->type);

		if (!strncmp(c->name, "rtp_", 4))
			err = json_object_set_new(rtp, c->name + 4, v);
		else
			err = json_object_set_new(o, c->name, v);
	}
	if (err || json_object_set_new(o, "rtp", rtp))
		goto fail;
	return o;
 fail:
	json_decref(rtp);
	json_decref(o);
	return NULL;
}

static int legs_prepare(struct cdr_store *st, const char *tail,
			sqlite3_stmt **sp)
{
	struct sbuf b = {.n = 0};
	size_t i;

	cdr_sbuf_printf(&b, "SELECT ");
	for (i = 0; i < cdr_ncols; i++)
		cdr_sbuf_printf(&b, "%s%s", i ? ", " : "", cdr_leg_cols[i].name);
	cdr_sbuf_printf(&b, " FROM legs %s", tail);
	return cdr_sqlite_err(sqlite3_prepare_v2(st->rdb, b.s, -1, sp, NULL));
}

/* Runs s and appends one object per row, made by row(). */
static int rows_collect(sqlite3_stmt *s, json_t *(*row)(sqlite3_stmt *),
			json_t *arr)
{
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (json_array_append_new(arr, row(s)))
			return ENOMEM;
	}
	return rc == SQLITE_DONE ? 0 : cdr_sqlite_err(rc);
}

int cdr_query_legs(struct cdr_store *st, unsigned limit, json_t **arrp)
{
	sqlite3_stmt *s = NULL;
	json_t *arr = NULL;
	int err;

	if (!st || !arrp)
		return EINVAL;
	err = legs_prepare(st, "ORDER BY start_ms DESC, id DESC LIMIT ?1", &s);
	if (err)
		goto out;
	/* A zero limit means every leg. */
	sqlite3_bind_int64(s, 1, limit ? (sqlite3_int64)limit : -1);
	arr = json_array();
	err = arr ? rows_collect(s, leg_json, arr) : ENOMEM;
 out:
	sqlite3_finalize(s);
	if (err) {
		json_decref(arr);
		return err;
	}
	*arrp = arr;
	return 0;
}

/* Stored event/response text back to JSON; kept as a string if damaged. */
static json_t *json_parsed(const unsigned char *text)
{
	json_t *v;

	if (!text)
		return json_null();
	v = json_loads((const char *)text, JSON_DECODE_ANY, NULL);
	return v ? v : json_text(text);
}

static json_t *inv_json(sqlite3_stmt *s)
{
	return json_pack("{s:s, s:I, s:I, s:o, s:I, s:I, s:I, s:o, s:o, s:o}",
			 "Kind", "Invocation",
			 "TimeMs", (json_int_t)sqlite3_column_int64(s, 2),
			 "Sequence", (json_int_t)sqlite3_column_int64(s, 0),
			 "EventType", json_text(sqlite3_column_text(s, 1)),
			 "InvokedMs", (json_int_t)sqlite3_column_int64(s, 2),
			 "ReturnedMs", (json_int_t)sqlite3_column_int64(s, 3),
			 "HandlerUs", (json_int_t)sqlite3_column_int64(s, 4),
			 "Event", json_parsed(sqlite3_column_text(s, 5)),
			 "Response", json_parsed(sqlite3_column_text(s, 6)),
			 "Error", json_text(sqlite3_column_text(s, 7)));
}

static json_t *act_json(sqlite3_stmt *s)
{
	json_t *a;

	a = json_pack("{s:s, s:I, s:I, s:I, s:o, s:o, s:o, s:o, s:I, s:I}",
			 "Kind", "Action",
			 "TimeMs", (json_int_t)sqlite3_column_int64(s, 8),
			 "Sequence", (json_int_t)sqlite3_column_int64(s, 0),
			 "Index", (json_int_t)sqlite3_column_int64(s, 1),
			 "Type", json_text(sqlite3_column_text(s, 2)),
			 "Result", json_text(sqlite3_column_text(s, 3)),
			 "ErrorType", json_text(sqlite3_column_text(s, 4)),
			 "ErrorMessage", json_text(sqlite3_column_text(s, 5)),
			 "StartedMs", (json_int_t)sqlite3_column_int64(s, 6),
			 "EndedMs", (json_int_t)sqlite3_column_int64(s, 7));
	/* Speech and prompts: how long the caller waited for the first audio. */
	if (a && sqlite3_column_int64(s, 9) > 0)
		json_object_set_new(a, "FirstAudioMs", json_integer(
			(json_int_t)sqlite3_column_int64(s, 9)));
	return a;
}

static int select_rows(struct cdr_store *st, const char *sql, const char *tid,
		       json_t *(*row)(sqlite3_stmt *), json_t *arr)
{
	sqlite3_stmt *s = NULL;
	int err;

	err = cdr_sqlite_err(sqlite3_prepare_v2(st->rdb, sql, -1, &s, NULL));
	if (!err) {
		sqlite3_bind_text(s, 1, tid, -1, SQLITE_STATIC);
		err = rows_collect(s, row, arr);
	}
	sqlite3_finalize(s);
	return err;
}

static json_int_t entry_time(json_t *arr, size_t i)
{
	return json_integer_value(json_object_get(json_array_get(arr, i),
						  "TimeMs"));
}

/* Both lists are sorted by time; an invocation goes before an action of
 * the same millisecond because the action came from its response. */
static json_t *timeline_merge(json_t *inv, json_t *act)
{
	json_t *tl = json_array();
	size_t i = 0, j = 0, ni = json_array_size(inv), nj = json_array_size(act);

	while (tl && (i < ni || j < nj)) {
		bool take_inv = j >= nj ||
			(i < ni && entry_time(inv, i) <= entry_time(act, j));
		json_t *e = take_inv ? json_array_get(inv, i++) :
			json_array_get(act, j++);

		if (json_array_append(tl, e)) {
			json_decref(tl);
			return NULL;
		}
	}
	return tl;
}

static int timeline_query(struct cdr_store *st, const char *tid,
			  json_t **tlp)
{
	static const char inv_sql[] =
		"SELECT sequence, event_type, invoked_ms, returned_ms,"
		" handler_us, event, response, error FROM invocations"
		" WHERE TransactionId = ?1 ORDER BY invoked_ms, sequence, id";
	static const char act_sql[] =
		"SELECT sequence, \"index\", type, result, error_type,"
		" error_message, started_ms, ended_ms, CASE WHEN started_ms > 0"
		" THEN started_ms ELSE ended_ms END AS t, first_audio_ms FROM actions"
		" WHERE TransactionId = ?1 ORDER BY t, sequence, \"index\", id";
	json_t *inv = json_array(), *act = json_array();
	int err;

	err = inv && act ? 0 : ENOMEM;
	if (!err)
		err = select_rows(st, inv_sql, tid, inv_json, inv);
	if (!err)
		err = select_rows(st, act_sql, tid, act_json, act);
	if (!err) {
		*tlp = timeline_merge(inv, act);
		err = *tlp ? 0 : ENOMEM;
	}
	json_decref(inv);
	json_decref(act);
	return err;
}

static json_t *rec_json(sqlite3_stmt *s)
{
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:I, s:I,"
			 " s:I, s:I}",
			 "Kind", json_text(sqlite3_column_text(s, 0)),
			 "Track", json_text(sqlite3_column_text(s, 1)),
			 "CallId", json_text(sqlite3_column_text(s, 2)),
			 "Path", json_text(sqlite3_column_text(s, 3)),
			 "BucketName", json_text(sqlite3_column_text(s, 4)),
			 "Key", json_text(sqlite3_column_text(s, 5)),
			 "Status", json_text(sqlite3_column_text(s, 6)),
			 "Reason", json_text(sqlite3_column_text(s, 7)),
			 "StartedMs", (json_int_t)sqlite3_column_int64(s, 8),
			 "EndedMs", (json_int_t)sqlite3_column_int64(s, 9),
			 "DurationMs", (json_int_t)sqlite3_column_int64(s, 10),
			 "Bytes", (json_int_t)sqlite3_column_int64(s, 11));
}

/* A store of schema 2 read without migrating (the CLI opens it read-only)
 * has no recordings table: it then has no recordings. */
static bool has_recordings(struct cdr_store *st)
{
	sqlite3_stmt *s = NULL;
	bool yes;

	yes = sqlite3_prepare_v2(st->rdb, "SELECT 1 FROM sqlite_master WHERE"
				 " type = 'table' AND name = 'recordings'", -1,
				 &s, NULL) == SQLITE_OK &&
	      sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	return yes;
}

static int recordings_query(struct cdr_store *st, const char *tid,
			    json_t **recp)
{
	static const char sql[] =
		"SELECT kind, track, CallId, path, bucket, \"key\", status,"
		" reason, started_ms, ended_ms, duration_ms, bytes FROM recordings"
		" WHERE TransactionId = ?1 ORDER BY started_ms, id";

	*recp = json_array();
	if (!*recp)
		return ENOMEM;
	return has_recordings(st) ? select_rows(st, sql, tid, rec_json, *recp) : 0;
}

int cdr_query_call(struct cdr_store *st, const char *transaction_id,
		   json_t **callp)
{
	sqlite3_stmt *s = NULL;
	json_t *legs = NULL, *tl = NULL, *recs = NULL;
	int err;

	if (!st || !transaction_id || !callp)
		return EINVAL;
	/* One read transaction, so legs and timeline are the same snapshot. */
	err = cdr_sqlite_err(sqlite3_exec(st->rdb, "BEGIN", NULL, NULL, NULL));
	if (err)
		return err;
	err = legs_prepare(st, "WHERE TransactionId = ?1 ORDER BY start_ms, id",
			   &s);
	if (err)
		goto out;
	sqlite3_bind_text(s, 1, transaction_id, -1, SQLITE_STATIC);
	legs = json_array();
	err = legs ? rows_collect(s, leg_json, legs) : ENOMEM;
	if (!err)
		err = timeline_query(st, transaction_id, &tl);
	if (!err)
		err = recordings_query(st, transaction_id, &recs);
	if (!err && !json_array_size(legs) && !json_array_size(tl) &&
	    !json_array_size(recs))
		err = ENOENT;
	if (!err) {
		*callp = json_pack("{s:s, s:O, s:O, s:O}", "TransactionId",
				   transaction_id, "Legs", legs, "Timeline", tl,
				   "Recordings", recs);
		err = *callp ? 0 : ENOMEM;
	}
 out:
	sqlite3_finalize(s);
	sqlite3_exec(st->rdb, "COMMIT", NULL, NULL, NULL);
	json_decref(legs);
	json_decref(tl);
	json_decref(recs);
	return err;
}
