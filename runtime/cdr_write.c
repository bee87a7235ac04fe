/* cdr_write.c - the CDR store's asynchronous writes: callers copy their
 * records into jobs; the store's one worker thread runs the SQL. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cdr_int.h"
#include "clock.h"
#include "log.h"
#include "loop.h"

enum job_kind { JOB_BEGIN, JOB_UPDATE, JOB_END, JOB_INVOCATION, JOB_ACTION,
		JOB_REC_BEGIN, JOB_REC_END, JOB_FLUSH };

struct flush_wait {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool done;
};

struct job {
	struct cdr_store *st;
	enum job_kind kind;
	struct cdr_leg leg;
	struct cdr_invocation inv;
	struct cdr_action act;
	struct cdr_recording rec;
	char *event_json, *response_json;
	struct flush_wait *fw;
};

/* ---- prepared statements ---- */

/* Status rules: begin/update never reopen a finished leg; end leaves Status
 * NULL when the caller gave none, and the ST_END_FIX statement derives it
 * from the merged row. Every other column keeps its stored value when the
 * new one is absent (NULL string, zero number). */
static void upsert_sql(struct sbuf *b, enum stmt_id id)
{
	size_t i;

	cdr_sbuf_printf(b, "INSERT INTO legs (");
	for (i = 0; i < cdr_ncols; i++)
		cdr_sbuf_printf(b, "%s%s", i ? ", " : "", cdr_leg_cols[i].name);
	cdr_sbuf_printf(b, ") VALUES (");
	for (i = 0; i < cdr_ncols; i++) {
		const struct col *c = &cdr_leg_cols[i];
		const char *sep = i ? ", " : "";

		if (!strcmp(c->name, "Status") && id != ST_END)
			cdr_sbuf_printf(b, "%sIFNULL(?%zu, 'InProgress')", sep, i + 1);
		else if (c->dflt)
			cdr_sbuf_printf(b, "%sIFNULL(?%zu, %s)", sep, i + 1, c->dflt);
		else
			cdr_sbuf_printf(b, "%s?%zu", sep, i + 1);
	}
	cdr_sbuf_printf(b, ") ON CONFLICT (CallId) DO UPDATE SET ");
	for (i = 0; i < cdr_ncols; i++) {
		const char *n = cdr_leg_cols[i].name;

		if (!strcmp(n, "CallId"))
			continue;
		if (!strcmp(n, "Status") && id == ST_END)
			cdr_sbuf_printf(b, "Status = ?%zu, ", i + 1);
		else if (!strcmp(n, "Status"))
			cdr_sbuf_printf(b, "Status = CASE WHEN Status IN ('Completed',"
				    " 'Failed') THEN Status ELSE IFNULL(?%zu,"
				    " Status) END, ", i + 1);
		else
			cdr_sbuf_printf(b, "%s = IFNULL(?%zu, %s), ", n, i + 1, n);
	}
	b->n -= 2;
	b->s[b->n] = '\0';
	cdr_sbuf_printf(b, " RETURNING id");
}

int cdr_stmts_prepare(struct cdr_store *st)
{
	static const char end_fix[] =
		"UPDATE legs SET Status = CASE WHEN Status IS NULL OR"
		" Status = 'InProgress' THEN CASE WHEN answer_ms > 0 THEN"
		" 'Completed' ELSE 'Failed' END ELSE Status END,"
		" BillableDurationSeconds = CASE WHEN BillableDurationSeconds > 0"
		" THEN BillableDurationSeconds WHEN answer_ms > 0 AND end_ms >"
		" answer_ms THEN (end_ms - answer_ms + 999) / 1000 ELSE 0 END"
		" WHERE id = ?1";
	static const char inv[] =
		"INSERT INTO invocations (TransactionId, sequence, event_type,"
		" invoked_ms, returned_ms, handler_us, event, response, error)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
	static const char act[] =
		"INSERT INTO actions (TransactionId, sequence, \"index\", type,"
		" result, error_type, error_message, started_ms, ended_ms,"
		" first_audio_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	enum stmt_id id;
	int rc = SQLITE_OK;

	for (id = ST_BEGIN; id < ST_COUNT && rc == SQLITE_OK; id++) {
		struct sbuf b = {.n = 0};
		const char *sql = b.s;

		if (id <= ST_END)
			upsert_sql(&b, id);
		else
			sql = id == ST_END_FIX ? end_fix : id == ST_INV ? inv : act;
		rc = sqlite3_prepare_v3(st->db, sql, -1,
					SQLITE_PREPARE_PERSISTENT,
					&st->stmt[id], NULL);
	}
	if (rc != SQLITE_OK)
		log_error("cdr", "cannot prepare statements: %s",
			  sqlite3_errmsg(st->db));
	return cdr_sqlite_err(rc);
}

/* ---- the writer (worker thread) ---- */

static void bind_leg(sqlite3_stmt *s, const struct cdr_leg *leg)
{
	size_t i;

	for (i = 0; i < cdr_ncols; i++) {
		const struct col *c = &cdr_leg_cols[i];
		const void *p = (const char *)leg + c->off;
		int n = (int)i + 1;

		switch (c->type) {
		case COL_TEXT: {
			const char *v = *(const char *const *)p;

			if (v)
				sqlite3_bind_text(s, n, v, -1, SQLITE_STATIC);
			else
				sqlite3_bind_null(s, n);
			break;
		}
		case COL_U64:
			if (*(const uint64_t *)p)
				sqlite3_bind_int64(s, n, (sqlite3_int64)*(const uint64_t *)p);
			else
				sqlite3_bind_null(s, n);
			break;
		case COL_INT:
			if (*(const int *)p)
				sqlite3_bind_int(s, n, *(const int *)p);
			else
				sqlite3_bind_null(s, n);
			break;
		case COL_REAL:
			if (*(const double *)p != 0.0)
				sqlite3_bind_double(s, n, *(const double *)p);
			else
				sqlite3_bind_null(s, n);
			break;
		}
	}
}

static int step_done(sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int leg_write(struct cdr_store *st, const struct job *j)
{
	sqlite3_stmt *up = st->stmt[j->kind == JOB_BEGIN ? ST_BEGIN :
				    j->kind == JOB_UPDATE ? ST_UPDATE : ST_END];
	sqlite3_stmt *fix = st->stmt[ST_END_FIX];
	sqlite3_int64 id;
	int rc;

	rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return rc;
	bind_leg(up, &j->leg);
	rc = sqlite3_step(up);
	id = sqlite3_column_int64(up, 0);
	if (rc == SQLITE_ROW)
		rc = sqlite3_step(up);
	sqlite3_reset(up);
	sqlite3_clear_bindings(up);
	rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
	if (rc == SQLITE_OK && j->kind == JOB_END) {
		sqlite3_bind_int64(fix, 1, id);
		rc = step_done(fix);
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

static void bind_text(sqlite3_stmt *s, int n, const char *v)
{
	if (v)
		sqlite3_bind_text(s, n, v, -1, SQLITE_STATIC);
}

static int inv_write(struct cdr_store *st, const struct job *j)
{
	sqlite3_stmt *s = st->stmt[ST_INV];
	const struct cdr_invocation *v = &j->inv;

	bind_text(s, 1, v->TransactionId);
	sqlite3_bind_int64(s, 2, v->sequence);
	bind_text(s, 3, v->event_type);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)v->invoked_ms);
	sqlite3_bind_int64(s, 5, (sqlite3_int64)v->returned_ms);
	sqlite3_bind_int64(s, 6, (sqlite3_int64)v->handler_us);
	bind_text(s, 7, j->event_json);
	bind_text(s, 8, j->response_json);
	bind_text(s, 9, v->error);
	return step_done(s);
}

static int act_write(struct cdr_store *st, const struct job *j)
{
	sqlite3_stmt *s = st->stmt[ST_ACT];
	const struct cdr_action *a = &j->act;

	bind_text(s, 1, a->TransactionId);
	sqlite3_bind_int64(s, 2, a->sequence);
	sqlite3_bind_int(s, 3, a->index);
	bind_text(s, 4, a->type);
	bind_text(s, 5, a->result);
	bind_text(s, 6, a->error_type);
	bind_text(s, 7, a->error_message);
	sqlite3_bind_int64(s, 8, (sqlite3_int64)a->started_ms);
	sqlite3_bind_int64(s, 9, (sqlite3_int64)a->ended_ms);
	sqlite3_bind_int64(s, 10, (sqlite3_int64)a->first_audio_ms);
	return step_done(s);
}

/* Recording rows are written twice per recording, so their statements
 * are prepared per write rather than kept. */
static int rec_insert(sqlite3 *db, const struct cdr_recording *r,
		      const char *status)
{
	static const char sql[] =
		"INSERT INTO recordings (TransactionId, CallId, kind, track, path,"
		" bucket, \"key\", status, reason, started_ms, ended_ms,"
		" duration_ms, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);

	if (rc != SQLITE_OK)
		return rc;
	bind_text(s, 1, r->TransactionId);
	bind_text(s, 2, r->CallId);
	bind_text(s, 3, r->kind);
	bind_text(s, 4, r->track);
	bind_text(s, 5, r->path);
	bind_text(s, 6, r->bucket);
	bind_text(s, 7, r->key);
	bind_text(s, 8, status);
	bind_text(s, 9, r->reason);
	sqlite3_bind_int64(s, 10, (sqlite3_int64)r->started_ms);
	sqlite3_bind_int64(s, 11, (sqlite3_int64)r->ended_ms);
	sqlite3_bind_int64(s, 12, (sqlite3_int64)r->duration_ms);
	sqlite3_bind_int64(s, 13, (sqlite3_int64)r->bytes);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Complete the newest open row of this path; add the row if there is none
 * (the recording failed before it was begun). */
static int rec_finish(sqlite3 *db, const struct cdr_recording *r)
{
	static const char sql[] =
		"UPDATE recordings SET status = ?2, reason = ?3, ended_ms = ?4,"
		" duration_ms = ?5, bytes = ?6 WHERE id = (SELECT MAX(id) FROM"
		" recordings WHERE path = ?1 AND status = 'Recording')";
	const char *status = r->status ? r->status : "Completed";
	sqlite3_stmt *s = NULL;
	int rc;

	rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);
	if (rc == SQLITE_OK) {
		bind_text(s, 1, r->path);
		bind_text(s, 2, status);
		bind_text(s, 3, r->reason);
		sqlite3_bind_int64(s, 4, (sqlite3_int64)r->ended_ms);
		sqlite3_bind_int64(s, 5, (sqlite3_int64)r->duration_ms);
		sqlite3_bind_int64(s, 6, (sqlite3_int64)r->bytes);
		rc = sqlite3_step(s);
		rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_OK && !sqlite3_changes(db))
		rc = rec_insert(db, r, status);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

static void rec_strs_free(struct cdr_recording *r)
{
	free((void *)r->TransactionId);
	free((void *)r->CallId);
	free((void *)r->kind);
	free((void *)r->track);
	free((void *)r->path);
	free((void *)r->bucket);
	free((void *)r->key);
	free((void *)r->status);
	free((void *)r->reason);
}

static void job_free(struct job *j)
{
	size_t i;

	for (i = 0; i < cdr_ncols; i++) {
		if (cdr_leg_cols[i].type == COL_TEXT)
			free(*(char **)((char *)&j->leg + cdr_leg_cols[i].off));
	}
	free((void *)j->inv.TransactionId);
	free((void *)j->inv.event_type);
	free((void *)j->inv.error);
	free((void *)j->act.TransactionId);
	free((void *)j->act.type);
	free((void *)j->act.result);
	free((void *)j->act.error_type);
	free((void *)j->act.error_message);
	rec_strs_free(&j->rec);
	free(j->event_json);
	free(j->response_json);
	free(j);
}

static void job_work(void *arg)
{
	static const char *const what[] = {"begin leg", "update leg",
		"end leg", "add invocation", "add action", "begin recording",
		"end recording"};
	struct job *j = arg;
	struct cdr_store *st = j->st;
	int rc = SQLITE_OK;

	switch (j->kind) {
	case JOB_BEGIN:
	case JOB_UPDATE:
	case JOB_END:        rc = leg_write(st, j); break;
	case JOB_INVOCATION: rc = inv_write(st, j); break;
	case JOB_ACTION:     rc = act_write(st, j); break;
	case JOB_REC_BEGIN:
		rc = rec_insert(st->db, &j->rec, j->rec.status ?
				j->rec.status : "Recording");
		break;
	case JOB_REC_END:    rc = rec_finish(st->db, &j->rec); break;
	case JOB_FLUSH:
		/* The waiter owns fw and may return as soon as it is
		 * signalled, so touch nothing of it after unlocking. */
		pthread_mutex_lock(&j->fw->lock);
		j->fw->done = true;
		pthread_cond_signal(&j->fw->cond);
		pthread_mutex_unlock(&j->fw->lock);
		break;
	}
	if (rc != SQLITE_OK)
		cdr_store_fail(st, "cannot %s: %s", what[j->kind],
			   sqlite3_errmsg(st->db));
	job_free(j);
}

/* ---- the write API (any thread; never blocks) ---- */

static const char *str_dup(const char *s, bool *oom)
{
	char *d;

	if (!s)
		return NULL;
	d = strdup(s);
	if (!d)
		*oom = true;
	return d;
}

static struct job *job_alloc(struct cdr_store *st, enum job_kind kind)
{
	struct job *j;

	if (!st)
		return NULL;
	if (!st->wq) {
		cdr_store_fail(st, "cannot write to a store opened read-only");
		return NULL;
	}
	j = calloc(1, sizeof(*j));
	if (!j) {
		cdr_store_fail(st, "out of memory queueing a record");
		return NULL;
	}
	j->st = st;
	j->kind = kind;
	return j;
}

static void job_submit(struct job *j, bool oom)
{
	if (!oom && !workq_submit(j->st->wq, job_work, NULL, j))
		return;
	cdr_store_fail(j->st, "out of memory queueing a record");
	job_free(j);
}

static void leg_submit(struct cdr_store *st, enum job_kind kind,
		       const struct cdr_leg *leg)
{
	struct job *j = job_alloc(st, kind);
	bool oom = false;
	size_t i;

	if (!j || !leg) {
		free(j);
		return;
	}
	j->leg = *leg;
	for (i = 0; i < cdr_ncols; i++) {
		const char **p;

		if (cdr_leg_cols[i].type != COL_TEXT)
			continue;
		p = (const char **)((char *)&j->leg + cdr_leg_cols[i].off);
		*p = str_dup(*p, &oom);
	}
	if (kind == JOB_BEGIN && !j->leg.start_ms)
		j->leg.start_ms = clock_wall_ms();
	if (kind == JOB_BEGIN && !j->leg.TimeStampEpochSeconds)
		j->leg.TimeStampEpochSeconds = j->leg.start_ms / 1000;
	if (kind == JOB_END && !j->leg.end_ms)
		j->leg.end_ms = clock_wall_ms();
	job_submit(j, oom);
}

void cdr_leg_begin(struct cdr_store *st, const struct cdr_leg *leg)
{
	leg_submit(st, JOB_BEGIN, leg);
}

void cdr_leg_update(struct cdr_store *st, const struct cdr_leg *leg)
{
	leg_submit(st, JOB_UPDATE, leg);
}

void cdr_leg_end(struct cdr_store *st, const struct cdr_leg *leg)
{
	leg_submit(st, JOB_END, leg);
}

static char *json_dup(const json_t *v, bool *oom)
{
	char *s;

	if (!v)
		return NULL;
	s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	if (!s)
		*oom = true;
	return s;
}

void cdr_invocation_add(struct cdr_store *st, const struct cdr_invocation *inv)
{
	struct job *j = job_alloc(st, JOB_INVOCATION);
	bool oom = false;

	if (!j || !inv) {
		free(j);
		return;
	}
	j->inv = *inv;
	j->inv.event = j->inv.response = NULL;
	j->inv.TransactionId = str_dup(inv->TransactionId, &oom);
	j->inv.event_type = str_dup(inv->event_type, &oom);
	j->inv.error = str_dup(inv->error, &oom);
	j->event_json = inv->event_text ? (char *)str_dup(inv->event_text, &oom) :
			json_dup(inv->event, &oom);
	j->response_json = inv->response_text ?
			   (char *)str_dup(inv->response_text, &oom) :
			   json_dup(inv->response, &oom);
	job_submit(j, oom);
}

void cdr_action_add(struct cdr_store *st, const struct cdr_action *act)
{
	struct job *j = job_alloc(st, JOB_ACTION);
	bool oom = false;

	if (!j || !act) {
		free(j);
		return;
	}
	j->act = *act;
	j->act.TransactionId = str_dup(act->TransactionId, &oom);
	j->act.type = str_dup(act->type, &oom);
	j->act.result = str_dup(act->result, &oom);
	j->act.error_type = str_dup(act->error_type, &oom);
	j->act.error_message = str_dup(act->error_message, &oom);
	job_submit(j, oom);
}

static void rec_submit(struct cdr_store *st, enum job_kind kind,
		       const struct cdr_recording *r)
{
	struct job *j = job_alloc(st, kind);
	bool oom = false;

	if (!j || !r) {
		free(j);
		return;
	}
	j->rec = *r;
	j->rec.TransactionId = str_dup(r->TransactionId, &oom);
	j->rec.CallId = str_dup(r->CallId, &oom);
	j->rec.kind = str_dup(r->kind, &oom);
	j->rec.track = str_dup(r->track, &oom);
	j->rec.path = str_dup(r->path, &oom);
	j->rec.bucket = str_dup(r->bucket, &oom);
	j->rec.key = str_dup(r->key, &oom);
	j->rec.status = str_dup(r->status, &oom);
	j->rec.reason = str_dup(r->reason, &oom);
	if (kind == JOB_REC_BEGIN && !j->rec.started_ms)
		j->rec.started_ms = clock_wall_ms();
	if (kind == JOB_REC_END && !j->rec.ended_ms)
		j->rec.ended_ms = clock_wall_ms();
	job_submit(j, oom);
}

void cdr_recording_begin(struct cdr_store *st, const struct cdr_recording *r)
{
	rec_submit(st, JOB_REC_BEGIN, r);
}

void cdr_recording_end(struct cdr_store *st, const struct cdr_recording *r)
{
	rec_submit(st, JOB_REC_END, r);
}

void cdr_flush(struct cdr_store *st)
{
	struct flush_wait fw = {.done = false};
	struct job *j;

	if (!st || !st->wq)     /* read-only: nothing is ever queued */
		return;
	j = job_alloc(st, JOB_FLUSH);
	if (!j)
		return;
	pthread_mutex_init(&fw.lock, NULL);
	pthread_cond_init(&fw.cond, NULL);
	j->fw = &fw;
	if (workq_submit(st->wq, job_work, NULL, j)) {
		free(j);
	} else {
		pthread_mutex_lock(&fw.lock);
		while (!fw.done)
			pthread_cond_wait(&fw.cond, &fw.lock);
		pthread_mutex_unlock(&fw.lock);
	}
	pthread_mutex_destroy(&fw.lock);
	pthread_cond_destroy(&fw.cond);
}

