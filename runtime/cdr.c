/* cdr.c - the call detail record store: opening (schema, crash recovery)
 * and closing. Writes are in cdr_write.c, queries in cdr_query.c. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cdr_int.h"
#include "clock.h"
#include "log.h"
#include "loop.h"

#define CDR_SCHEMA_VERSION 3
#define RESTART_REASON "callflow stopped before the call ended (crash or kill)"
#define REC_RECOVERED "callflow stopped while recording; file repaired up to " \
	"its last second"

/* Version 3: the recordings of each call (RecordAudio, call recordings). */
#define RECORDINGS_DDL \
	"CREATE TABLE IF NOT EXISTS recordings (id INTEGER PRIMARY KEY," \
	" TransactionId TEXT, CallId TEXT, kind TEXT, track TEXT, path TEXT," \
	" bucket TEXT, \"key\" TEXT, status TEXT, reason TEXT," \
	" started_ms INTEGER NOT NULL DEFAULT 0," \
	" ended_ms INTEGER NOT NULL DEFAULT 0," \
	" duration_ms INTEGER NOT NULL DEFAULT 0," \
	" bytes INTEGER NOT NULL DEFAULT 0);" \
	"CREATE INDEX IF NOT EXISTS recordings_tid ON recordings (TransactionId);" \
	"CREATE INDEX IF NOT EXISTS recordings_path ON recordings (path);"

#define T(f)  {#f, COL_TEXT, offsetof(struct cdr_leg, f), NULL}
#define U(f)  {#f, COL_U64, offsetof(struct cdr_leg, f), "0"}
#define R(f)  {"rtp_" #f, COL_U64, offsetof(struct cdr_leg, rtp.f), "0"}
const struct col cdr_leg_cols[] = {
	T(AwsAccountId), T(TransactionId), T(CallId), T(VoiceConnectorId),
	T(Status), U(BillableDurationSeconds),
	{"SchemaVersion", COL_TEXT, offsetof(struct cdr_leg, SchemaVersion),
	 "'2.0'"},
	T(SourcePhoneNumber), T(SourcePhoneNumberName),
	T(DestinationPhoneNumber), T(DestinationPhoneNumberName),
	T(UsageType), T(ServiceCode), T(Direction), U(TimeStampEpochSeconds),
	T(Region), T(SipRuleId), T(SipApplicationId), T(CallLegTriggerType),
	U(BillableVoiceFocusSeconds),
	T(participant_tag), T(sip_call_id), T(remote), T(script),
	U(start_ms), U(answer_ms), U(end_ms),
	{"sip_status", COL_INT, offsetof(struct cdr_leg, sip_status), "0"},
	T(hangup_cause), T(hangup_by), T(reason), T(codec),
	R(rx_packets), R(tx_packets), R(rx_bytes), R(tx_bytes), R(rx_lost),
	R(rx_late),
	{"rtp_rx_jitter_ms", COL_REAL, offsetof(struct cdr_leg, rtp.rx_jitter_ms),
	 "0"},
	R(dtmf_events),
};
#undef T
#undef U
#undef R
const size_t cdr_ncols = sizeof(cdr_leg_cols) / sizeof(cdr_leg_cols[0]);

/* ---- helpers ---- */

/* Log an error the first time it is seen, so a full disk does not flood
 * the log with one line per call. */
void cdr_store_fail(struct cdr_store *st, const char *fmt, ...)
{
	char msg[160];
	va_list ap;
	unsigned i;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);

	pthread_mutex_lock(&st->err_lock);
	for (i = 0; i < st->nseen; i++) {
		if (!strcmp(st->seen[i], msg))
			goto out;
	}
	if (st->nseen < 8)
		snprintf(st->seen[st->nseen++], sizeof(st->seen[0]), "%s", msg);
	log_error("cdr", "%s (repeats are not logged)", msg);
 out:
	pthread_mutex_unlock(&st->err_lock);
}

int cdr_sqlite_err(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:       return 0;
	case SQLITE_NOMEM:    return ENOMEM;
	case SQLITE_PERM:
	case SQLITE_READONLY: return EACCES;
	case SQLITE_CANTOPEN: return ENOENT;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:   return EBUSY;
	case SQLITE_FULL:     return ENOSPC;
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:  return EILSEQ;
	default:              return EIO;
	}
}

static int mkdir_p(const char *dir)
{
	char path[PATH_MAX];
	size_t i, n = strlen(dir);

	if (n == 0 || n >= sizeof(path))
		return EINVAL;
	memcpy(path, dir, n + 1);
	for (i = 1; i <= n; i++) {
		if (path[i] != '/' && path[i] != '\0')
			continue;
		path[i] = '\0';
		if (mkdir(path, 0755) && errno != EEXIST)
			return errno;
		path[i] = dir[i];
	}
	return 0;
}

void cdr_sbuf_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int m;

	va_start(ap, fmt);
	m = vsnprintf(b->s + b->n, sizeof(b->s) - b->n, fmt, ap);
	va_end(ap);
	if (m > 0)
		b->n += (size_t)m < sizeof(b->s) - b->n ? (size_t)m : 0;
}

/* ---- schema ---- */

static const char *col_sqltype(const struct col *c)
{
	switch (c->type) {
	case COL_TEXT: return "TEXT";
	case COL_REAL: return "REAL NOT NULL DEFAULT 0";
	default:       return "INTEGER NOT NULL DEFAULT 0";
	}
}

static int schema_version(sqlite3 *db)
{
	sqlite3_stmt *s = NULL;
	int version = 0;

	if (sqlite3_prepare_v2(db, "SELECT MAX(version) FROM schema_version",
			       -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		version = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return version;
}

/* A store written by a newer callflow may have columns this one would
 * not fill; refuse it rather than write rows that look incomplete. */
static int schema_check(sqlite3 *db)
{
	int version = schema_version(db);

	if (version > CDR_SCHEMA_VERSION) {
		log_error("cdr", "cdr.sqlite has schema version %d; this callflow "
			  "knows up to %d", version, CDR_SCHEMA_VERSION);
		return EPROTO;
	}
	return 0;
}

/* Run sql and move the store from version `from` to the next, atomically. */
static int schema_step(sqlite3 *db, int from, const char *sql)
{
	struct sbuf b = {.n = 0};
	int rc;

	cdr_sbuf_printf(&b, "BEGIN IMMEDIATE;%sUPDATE schema_version SET"
			" version = %d;COMMIT;", sql, from + 1);
	rc = sqlite3_exec(db, b.s, NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		log_error("cdr", "cannot migrate the schema to version %d: %s",
			  from + 1, sqlite3_errmsg(db));
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return cdr_sqlite_err(rc);
	}
	log_info("cdr", "schema migrated from version %d to %d", from, from + 1);
	return 0;
}

/* Version 1 had no actions.first_audio_ms (time to first audio), version
 * 2 no recordings table. */
static int schema_migrate(sqlite3 *db)
{
	int version = schema_version(db), err = 0;

	if (version == 1)
		err = schema_step(db, 1, "ALTER TABLE actions ADD COLUMN"
				  " first_audio_ms INTEGER NOT NULL DEFAULT 0;");
	if (!err && (version == 1 || version == 2))
		err = schema_step(db, 2, RECORDINGS_DDL);
	return err ? err : schema_check(db);
}

static int schema_create(sqlite3 *db)
{
	struct sbuf b = {.n = 0};
	char *emsg = NULL;
	size_t i;
	int rc;

	cdr_sbuf_printf(&b, "BEGIN IMMEDIATE;"
		    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);"
		    "CREATE TABLE IF NOT EXISTS legs (id INTEGER PRIMARY KEY");
	for (i = 0; i < cdr_ncols; i++)
		cdr_sbuf_printf(&b, ", %s %s%s", cdr_leg_cols[i].name,
			    col_sqltype(&cdr_leg_cols[i]),
			    strcmp(cdr_leg_cols[i].name, "CallId") ? "" : " UNIQUE");
	cdr_sbuf_printf(&b, ");"
		    "CREATE INDEX IF NOT EXISTS legs_tid ON legs (TransactionId);"
		    "CREATE INDEX IF NOT EXISTS legs_start ON legs (start_ms);"
		    "CREATE TABLE IF NOT EXISTS invocations (id INTEGER PRIMARY KEY,"
		    " TransactionId TEXT, sequence INTEGER NOT NULL DEFAULT 0,"
		    " event_type TEXT, invoked_ms INTEGER NOT NULL DEFAULT 0,"
		    " returned_ms INTEGER NOT NULL DEFAULT 0,"
		    " handler_us INTEGER NOT NULL DEFAULT 0, event TEXT,"
		    " response TEXT, error TEXT);"
		    "CREATE INDEX IF NOT EXISTS invocations_tid ON invocations (TransactionId);"
		    "CREATE TABLE IF NOT EXISTS actions (id INTEGER PRIMARY KEY,"
		    " TransactionId TEXT, sequence INTEGER NOT NULL DEFAULT 0,"
		    " \"index\" INTEGER NOT NULL DEFAULT 0, type TEXT, result TEXT,"
		    " error_type TEXT, error_message TEXT,"
		    " started_ms INTEGER NOT NULL DEFAULT 0,"
		    " ended_ms INTEGER NOT NULL DEFAULT 0,"
		    " first_audio_ms INTEGER NOT NULL DEFAULT 0);"
		    "CREATE INDEX IF NOT EXISTS actions_tid ON actions (TransactionId);"
		    RECORDINGS_DDL
		    "INSERT INTO schema_version (version) SELECT %d"
		    " WHERE NOT EXISTS (SELECT 1 FROM schema_version);"
		    "COMMIT;", CDR_SCHEMA_VERSION);

	rc = sqlite3_exec(db, b.s, NULL, NULL, &emsg);
	if (rc != SQLITE_OK) {
		log_error("cdr", "cannot create schema: %s", emsg ? emsg : "?");
		sqlite3_free(emsg);
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return cdr_sqlite_err(rc);
	}
	return schema_migrate(db);
}

/* Rows still InProgress belong to calls a previous run never ended: close
 * them at their last known moment so the record says what happened. */
static int store_recover(sqlite3 *db)
{
	static const char sql[] =
		"UPDATE legs SET Status = 'Failed',"
		" end_ms = CASE WHEN end_ms > 0 THEN end_ms ELSE IFNULL(NULLIF("
		"  MAX(start_ms, answer_ms,"
		"   IFNULL((SELECT MAX(returned_ms) FROM invocations i"
		"           WHERE i.TransactionId = legs.TransactionId), 0),"
		"   IFNULL((SELECT MAX(ended_ms) FROM actions a"
		"           WHERE a.TransactionId = legs.TransactionId), 0)),"
		"  0), ?1) END,"
		" hangup_cause = 'server-restart', hangup_by = 'system',"
		" reason = '" RESTART_REASON "'"
		" WHERE Status = 'InProgress' OR Status IS NULL";
	static const char bill[] =
		"UPDATE legs SET BillableDurationSeconds ="
		" (end_ms - answer_ms + 999) / 1000 WHERE hangup_cause ="
		" 'server-restart' AND BillableDurationSeconds = 0"
		" AND answer_ms > 0 AND end_ms > answer_ms";
	sqlite3_stmt *s = NULL;
	int rc, n = 0;

	rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(s, 1, (sqlite3_int64)clock_wall_ms());
		rc = sqlite3_step(s);
		n = sqlite3_changes(db);
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE)
		rc = sqlite3_exec(db, bill, NULL, NULL, NULL);
	if (rc != SQLITE_OK && rc != SQLITE_DONE) {
		log_error("cdr", "cannot close interrupted calls: %s",
			  sqlite3_errmsg(db));
		return cdr_sqlite_err(rc);
	}
	if (n > 0)
		log_warn("cdr", "closed %d call leg(s) left in progress by a "
			 "previous run as Failed", n);
	return 0;
}

/* ---- recordings left open by a previous run ---- */

struct open_rec {
	sqlite3_int64 id;
	char *path;
	unsigned channels;
};

static void open_recs_free(struct open_rec *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].path);
	free(v);
}

/* Collected first: the rows are updated after each file is repaired. */
static int open_recs_read(sqlite3 *db, struct open_rec **vp, size_t *np)
{
	sqlite3_stmt *s = NULL;
	struct open_rec *v = NULL, *nv;
	size_t n = 0;
	int rc;

	rc = sqlite3_prepare_v2(db, "SELECT id, path, track FROM recordings"
				" WHERE status = 'Recording' ORDER BY id",
				-1, &s, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *path = (const char *)sqlite3_column_text(s, 1);
		const char *track = (const char *)sqlite3_column_text(s, 2);

		nv = realloc(v, (n + 1) * sizeof(*v));
		if (!nv) {
			rc = SQLITE_NOMEM;
			break;
		}
		v = nv;
		v[n].id = sqlite3_column_int64(s, 0);
		v[n].path = strdup(path ? path : "");
		v[n].channels = track && !strcmp(track, "BOTH") ? 2 : 1;
		if (!v[n++].path) {
			rc = SQLITE_NOMEM;
			break;
		}
		rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		open_recs_free(v, n);
		return rc == SQLITE_OK ? SQLITE_ERROR : rc;
	}
	*vp = v;
	*np = n;
	return SQLITE_OK;
}

/* The recorder writes 16-bit 8 kHz PCM behind the canonical 44-byte
 * header, so a repaired file's duration follows from its size. */
static uint64_t wav_duration_ms(uint64_t bytes, unsigned channels)
{
	return bytes > 44 ? (bytes - 44) / (16u * channels) : 0;
}

static int open_rec_mark(sqlite3 *db, const struct open_rec *r, int err)
{
	static const char sql[] =
		"UPDATE recordings SET status = ?2, reason = ?3, bytes = ?4,"
		" duration_ms = ?5, ended_ms = CASE WHEN started_ms > 0 THEN"
		" started_ms + ?5 ELSE ?6 END WHERE id = ?1";
	char reason[256];
	struct stat sb;
	uint64_t bytes = 0;
	sqlite3_stmt *s = NULL;
	int rc;

	if (!err && !stat(r->path, &sb))
		bytes = (uint64_t)sb.st_size;
	snprintf(reason, sizeof(reason), err ? "callflow stopped while "
		 "recording; the file could not be repaired: %s" : "%s",
		 err ? strerror(err) : REC_RECOVERED);
	rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(s, 1, r->id);
		sqlite3_bind_text(s, 2, err ? "Failed" : "Recovered", -1,
				  SQLITE_STATIC);
		sqlite3_bind_text(s, 3, reason, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(s, 4, (sqlite3_int64)bytes);
		sqlite3_bind_int64(s, 5, (sqlite3_int64)wav_duration_ms(bytes,
							r->channels));
		sqlite3_bind_int64(s, 6, (sqlite3_int64)clock_wall_ms());
		rc = sqlite3_step(s);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int cdr_recordings_recover(struct cdr_store *st,
			   int (*repair)(const char *path))
{
	struct open_rec *v = NULL;
	size_t n = 0, i, failed = 0;
	int rc, err;

	if (!st || !st->wq || !repair)
		return EINVAL;
	/* Rows queued earlier must be in the table before it is read; the
	 * writer connection is then used here, while nothing else writes. */
	cdr_flush(st);
	rc = open_recs_read(st->db, &v, &n);
	for (i = 0; rc == SQLITE_OK && i < n; i++) {
		err = repair(v[i].path);
		if (err) {
			failed++;
			log_warn("cdr", "recording %s left open by a previous run "
				 "cannot be repaired: %s", v[i].path, strerror(err));
		}
		rc = open_rec_mark(st->db, &v[i], err);
	}
	open_recs_free(v, n);
	if (rc != SQLITE_OK) {
		log_error("cdr", "cannot recover open recordings: %s",
			  sqlite3_errmsg(st->db));
		return cdr_sqlite_err(rc);
	}
	if (n)
		log_warn("cdr", "%zu recording(s) left open by a previous run: "
			 "%zu repaired, %zu failed", n, n - failed, failed);
	return 0;
}

/* ---- open / close ---- */

static int db_open(const char *path, bool readonly, sqlite3 **dbp)
{
	int flags = readonly ? SQLITE_OPEN_READONLY :
		SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	int rc;

	rc = sqlite3_open_v2(path, dbp, flags | SQLITE_OPEN_FULLMUTEX, NULL);
	if (rc != SQLITE_OK) {
		log_error("cdr", "cannot open %s: %s", path,
			  *dbp ? sqlite3_errmsg(*dbp) : sqlite3_errstr(rc));
		sqlite3_close(*dbp);
		*dbp = NULL;
		return cdr_sqlite_err(rc);
	}
	sqlite3_busy_timeout(*dbp, 5000);
	return 0;
}

static int store_init_writer(struct cdr_store *st, const char *path)
{
	int err;

	err = db_open(path, false, &st->db);
	if (err)
		return err;
	if (sqlite3_exec(st->db, "PRAGMA journal_mode=WAL;"
			 "PRAGMA synchronous=NORMAL;", NULL, NULL, NULL)) {
		log_error("cdr", "%s: %s", path, sqlite3_errmsg(st->db));
		return EIO;
	}
	err = schema_create(st->db);
	if (!err)
		err = store_recover(st->db);
	if (!err)
		err = cdr_stmts_prepare(st);
	if (!err)
		err = workq_alloc(&st->wq, "cdr", 1);
	return err;
}

int cdr_open(const char *data_dir, bool readonly, struct cdr_store **stp)
{
	struct cdr_store *st;
	char path[PATH_MAX];
	struct stat sb;
	int err = 0;

	if (!data_dir || !stp)
		return EINVAL;
	if (snprintf(path, sizeof(path), "%s/cdr.sqlite", data_dir) >=
	    (int)sizeof(path))
		return ENAMETOOLONG;
	if (readonly && stat(path, &sb))
		return errno;
	if (!readonly && (err = mkdir_p(data_dir))) {
		log_error("cdr", "cannot create %s: %s", data_dir, strerror(err));
		return err;
	}
	st = calloc(1, sizeof(*st));
	if (!st)
		return ENOMEM;
	pthread_mutex_init(&st->err_lock, NULL);
	if (!readonly)
		err = store_init_writer(st, path);
	if (!err)
		err = db_open(path, true, &st->rdb);
	if (err) {
		cdr_close(st);
		return err;
	}
	*stp = st;
	return 0;
}

void cdr_close(struct cdr_store *st)
{
	int i;

	if (!st)
		return;
	if (st->wq) {
		cdr_flush(st);
		workq_free(st->wq);
	}
	for (i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(st->stmt[i]);
	sqlite3_close(st->rdb);
	sqlite3_close(st->db);
	pthread_mutex_destroy(&st->err_lock);
	free(st);
}
