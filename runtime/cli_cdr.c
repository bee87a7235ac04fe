/* cli_cdr.c - `callflow cdr list|show`: read the call detail records, as
 * an aligned table, a per-call report, or JSON for scripts. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cdr.h"
#include "cli.h"

#define DEFAULT_DATA_DIR "./var"

static const char usage_text[] =
	"usage: callflow cdr list [--data-dir DIR] [--json] [--limit N]\n"
	"       callflow cdr show TRANSACTION_ID [--data-dir DIR] [--json]\n"
	"\n"
	"Reads the call detail records in DIR/cdr.sqlite (DIR defaults to "
	DEFAULT_DATA_DIR ").\n"
	"  list   the newest call legs first (20 unless --limit N; 0 = all)\n"
	"  show   every leg of one call, its recordings, and the timeline of\n"
	"         its handler invocations and action results\n"
	"  -d, --data-dir DIR  where callflow keeps its data\n"
	"  -j, --json          JSON: one object per line (list), the whole\n"
	"                      call (show)\n"
	"  -n, --limit N       how many legs to list\n"
	"  -h, --help          this text\n";

struct cdr_opts {
	const char *data_dir;
	bool json;
	unsigned limit;
	const char *tid;
};

static int usage(FILE *f, int status)
{
	fputs(usage_text, f);
	return status;
}

/* Parses the options of `cdr list` (with_limit) or `cdr show`. Returns -1
 * to go on, or the exit status to return now. */
static int opts_parse(int argc, char **argv, bool with_limit,
		      struct cdr_opts *o)
{
	static const struct option lopts[] = {
		{"data-dir", required_argument, NULL, 'd'},
		{"json",     no_argument,       NULL, 'j'},
		{"limit",    required_argument, NULL, 'n'},
		{"help",     no_argument,       NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	char *end;
	int c;

	optind = 0;     /* GNU: start afresh; cli_cdr may run more than once */
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":d:jn:h", lopts, NULL)) != -1) {
		switch (c) {
		case 'd': o->data_dir = optarg; break;
		case 'j': o->json = true; break;
		case 'h': return usage(stdout, 0);
		case 'n':
			errno = 0;
			o->limit = (unsigned)strtoul(optarg, &end, 10);
			if (!with_limit || errno || *end || !*optarg ||
			    *optarg == '-') {
				fprintf(stderr, "callflow cdr %s: bad --limit "
					"'%s'\n", argv[0], optarg);
				return usage(stderr, 2);
			}
			break;
		default:
			fprintf(stderr, "callflow cdr %s: %s '%s'\n", argv[0],
				c == ':' ? "missing value for" : "unknown option",
				argv[optind - 1]);
			return usage(stderr, 2);
		}
	}
	if (!with_limit && optind < argc)
		o->tid = argv[optind++];
	if (optind < argc || (!with_limit && !o->tid)) {
		fprintf(stderr, "callflow cdr %s: %s\n", argv[0],
			optind < argc ? "too many arguments" :
			"which TRANSACTION_ID?");
		return usage(stderr, 2);
	}
	return -1;
}

static int store_open(const struct cdr_opts *o, struct cdr_store **stp)
{
	int err = cdr_open(o->data_dir, true, stp);

	if (err == ENOENT)
		fprintf(stderr, "no call records in %s (cdr.sqlite not found)\n",
			o->data_dir);
	else if (err)
		fprintf(stderr, "cannot read %s/cdr.sqlite: %s\n", o->data_dir,
			strerror(err));
	return err;
}

/* ---- formatting helpers ---- */

static const char *str_of(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s && *s ? s : "-";
}

static uint64_t num_of(const json_t *o, const char *key)
{
	return (uint64_t)json_integer_value(json_object_get(o, key));
}

/* UTC: "2024-05-01 04:41:02" with date, "04:41:02.120" without. */
static const char *time_fmt(char *buf, size_t sz, uint64_t ms, bool date)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	if (!ms)
		return "-";
	gmtime_r(&t, &tm);
	if (date)
		strftime(buf, sz, "%Y-%m-%d %H:%M:%S", &tm);
	else
		snprintf(buf, sz, "%02d:%02d:%02d.%03u", tm.tm_hour, tm.tm_min,
			 tm.tm_sec, (unsigned)(ms % 1000));
	return buf;
}

static const char *duration_fmt(char *buf, size_t sz, const json_t *leg)
{
	uint64_t start = num_of(leg, "start_ms"), end = num_of(leg, "end_ms");

	if (!start || end < start)
		return "-";
	snprintf(buf, sz, "%.1f", (double)(end - start) / 1000.0);
	return buf;
}

/* ---- list ---- */

enum { C_TIME, C_TID, C_DIR, C_FROM, C_TO, C_STATUS, C_DUR, C_CAUSE, NCELL };
static const char *const list_head[NCELL] = {"TIME (UTC)", "TRANSACTION",
	"DIRECTION", "FROM", "TO", "STATUS", "DURATION(s)", "HANGUP"};

static void list_cells(const json_t *leg, char cells[NCELL][128])
{
	char t[32], d[32];

	snprintf(cells[C_TIME], 128, "%s",
		 time_fmt(t, sizeof(t), num_of(leg, "start_ms"), true));
	snprintf(cells[C_TID], 128, "%s", str_of(leg, "TransactionId"));
	snprintf(cells[C_DIR], 128, "%s", str_of(leg, "Direction"));
	snprintf(cells[C_FROM], 128, "%s", str_of(leg, "SourcePhoneNumber"));
	snprintf(cells[C_TO], 128, "%s", str_of(leg, "DestinationPhoneNumber"));
	snprintf(cells[C_STATUS], 128, "%s", str_of(leg, "Status"));
	snprintf(cells[C_DUR], 128, "%s", duration_fmt(d, sizeof(d), leg));
	snprintf(cells[C_CAUSE], 128, "%s", str_of(leg, "hangup_cause"));
}

static void list_table(const json_t *legs)
{
	char cells[NCELL][128];
	int w[NCELL], i;
	size_t k;
	json_t *leg;

	for (i = 0; i < NCELL; i++)
		w[i] = (int)strlen(list_head[i]);
	json_array_foreach(legs, k, leg) {
		list_cells(leg, cells);
		for (i = 0; i < NCELL; i++) {
			if ((int)strlen(cells[i]) > w[i])
				w[i] = (int)strlen(cells[i]);
		}
	}
	for (i = 0; i < NCELL; i++)
		printf("%-*s%s", i < NCELL - 1 ? w[i] : 0, list_head[i],
		       i < NCELL - 1 ? "  " : "\n");
	json_array_foreach(legs, k, leg) {
		list_cells(leg, cells);
		for (i = 0; i < NCELL; i++)
			printf("%-*s%s", i < NCELL - 1 ? w[i] : 0, cells[i],
			       i < NCELL - 1 ? "  " : "\n");
	}
}

static int cdr_list(int argc, char **argv)
{
	struct cdr_opts o = {.data_dir = DEFAULT_DATA_DIR, .limit = 20};
	struct cdr_store *st = NULL;
	json_t *legs = NULL, *leg;
	size_t k;
	int rc, err;

	rc = opts_parse(argc, argv, true, &o);
	if (rc >= 0)
		return rc;
	if (store_open(&o, &st))
		return 1;
	err = cdr_query_legs(st, o.limit, &legs);
	cdr_close(st);
	if (err) {
		fprintf(stderr, "cannot read call records: %s\n", strerror(err));
		return 1;
	}
	if (o.json) {
		json_array_foreach(legs, k, leg) {
			json_dumpf(leg, stdout, JSON_COMPACT);
			putchar('\n');
		}
	} else if (!json_array_size(legs)) {
		printf("no calls recorded in %s yet\n", o.data_dir);
	} else {
		list_table(legs);
	}
	json_decref(legs);
	return 0;
}

/* ---- show ---- */

static void show_leg(const json_t *leg)
{
	const json_t *rtp = json_object_get(leg, "rtp");
	char t1[32], t2[32], t3[32], d[32];

	printf("%s  %s  %s -> %s  %s  %s s (billable %" PRIu64 " s)\n",
	       str_of(leg, "participant_tag"), str_of(leg, "Direction"),
	       str_of(leg, "SourcePhoneNumber"),
	       str_of(leg, "DestinationPhoneNumber"), str_of(leg, "Status"),
	       duration_fmt(d, sizeof(d), leg),
	       num_of(leg, "BillableDurationSeconds"));
	printf("  CallId %s  SIP Call-ID %s  remote %s\n", str_of(leg, "CallId"),
	       str_of(leg, "sip_call_id"), str_of(leg, "remote"));
	printf("  started %s UTC  answered %s  ended %s\n",
	       time_fmt(t1, sizeof(t1), num_of(leg, "start_ms"), true),
	       time_fmt(t2, sizeof(t2), num_of(leg, "answer_ms"), false),
	       time_fmt(t3, sizeof(t3), num_of(leg, "end_ms"), false));
	printf("  codec %s  RTP rx %" PRIu64 " tx %" PRIu64 " lost %" PRIu64
	       " late %" PRIu64 " jitter %.1f ms  DTMF %" PRIu64 "\n",
	       str_of(leg, "codec"), num_of(rtp, "rx_packets"),
	       num_of(rtp, "tx_packets"), num_of(rtp, "rx_lost"),
	       num_of(rtp, "rx_late"),
	       json_number_value(json_object_get(rtp, "rx_jitter_ms")),
	       num_of(rtp, "dtmf_events"));
	printf("  script %s\n", str_of(leg, "script"));
	printf("  hangup %s by %s, SIP %" PRIu64 ": %s\n",
	       str_of(leg, "hangup_cause"), str_of(leg, "hangup_by"),
	       num_of(leg, "sip_status"), str_of(leg, "reason"));
}

/* "[Speak, PlayAudio, Hangup]" from a response's Actions. */
static void actions_fmt(char *buf, size_t sz, const json_t *resp)
{
	const json_t *acts = json_object_get(resp, "Actions"), *a;
	size_t k, n = 0;

	if (!resp || json_is_null(resp)) {
		snprintf(buf, sz, "(no response)");
		return;
	}
	n += snprintf(buf + n, sz - n, "[");
	json_array_foreach(acts, k, a) {
		if (n >= sz)
			break;
		n += snprintf(buf + n, sz - n, "%s%s", k ? ", " : "",
			      str_of(a, "Type"));
	}
	if (n < sz)
		snprintf(buf + n, sz - n, "]");
}

/* What the event was about: " (PlayAudio, digits 12#)",
 * " (TooManyActions: ...)", " (Arguments {"k":"v"})". */
static void event_fmt(char *buf, size_t sz, const json_t *ev)
{
	const json_t *ad = json_object_get(ev, "ActionData");
	const json_t *par = json_object_get(ad, "Parameters");
	const char *err = json_string_value(json_object_get(ad, "ErrorType"));
	char *args = NULL;
	size_t n = 0;

	buf[0] = '\0';
	if (!ad)
		return;
	n += snprintf(buf + n, sz - n, " (%s", json_string_value(
		      json_object_get(ad, "Type")) ? str_of(ad, "Type") :
		      "error");
	if (n < sz && json_string_value(json_object_get(ad, "ReceivedDigits")))
		n += snprintf(buf + n, sz - n, ", digits '%s'",
			      str_of(ad, "ReceivedDigits"));
	if (n < sz && json_object_get(par, "SipResponseCode"))
		n += snprintf(buf + n, sz - n, ", %s SipResponseCode %" PRIu64,
			      str_of(par, "ParticipantTag"),
			      num_of(par, "SipResponseCode"));
	if (n < sz && json_object_get(par, "Arguments")) {
		args = json_dumps(json_object_get(par, "Arguments"),
				  JSON_COMPACT | JSON_SORT_KEYS);
		n += snprintf(buf + n, sz - n, ", Arguments %s",
			      args ? args : "?");
		free(args);
	}
	if (n < sz && err)
		n += snprintf(buf + n, sz - n, ", %s: %s", err,
			      str_of(ad, "ErrorMessage"));
	if (n < sz)
		snprintf(buf + n, sz - n, ")");
}

static void show_entry(const json_t *e)
{
	char t[32], acts[512], what[512];
	const char *time = time_fmt(t, sizeof(t), num_of(e, "TimeMs"), false);

	if (!strcmp(str_of(e, "Kind"), "Invocation")) {
		actions_fmt(acts, sizeof(acts), json_object_get(e, "Response"));
		event_fmt(what, sizeof(what), json_object_get(e, "Event"));
		printf("%s  #%" PRIu64 " %s%s -> %s (%.1f ms)\n", time,
		       num_of(e, "Sequence"), str_of(e, "EventType"), what,
		       acts, (double)num_of(e, "HandlerUs") / 1000.0);
		if (json_string_value(json_object_get(e, "Error")))
			printf("%14s  error: %s\n", "", str_of(e, "Error"));
		return;
	}
	printf("%s    action %s: %s", time, str_of(e, "Type"),
	       str_of(e, "Result"));
	if (num_of(e, "EndedMs") > num_of(e, "StartedMs") &&
	    num_of(e, "StartedMs"))
		printf(" after %.1f s", (double)(num_of(e, "EndedMs") -
		       num_of(e, "StartedMs")) / 1000.0);
	if (json_string_value(json_object_get(e, "ErrorType")))
		printf(" (%s: %s)", str_of(e, "ErrorType"),
		       str_of(e, "ErrorMessage"));
	if (num_of(e, "FirstAudioMs") > num_of(e, "StartedMs"))
		printf(" (first audio after %" PRIu64 " ms)",
		       num_of(e, "FirstAudioMs") - num_of(e, "StartedMs"));
	putchar('\n');
}

/* "RecordAudio INCOMING on <CallId>: Completed, 12.3 s, 198444 bytes". */
static void show_recording(const json_t *r)
{
	char t[32];

	printf("  %s %s on %s: %s, %.1f s, %" PRIu64 " bytes, started %s\n",
	       str_of(r, "Kind"), str_of(r, "Track"), str_of(r, "CallId"),
	       str_of(r, "Status"), (double)num_of(r, "DurationMs") / 1000.0,
	       num_of(r, "Bytes"),
	       time_fmt(t, sizeof(t), num_of(r, "StartedMs"), false));
	printf("    file %s\n", str_of(r, "Path"));
	if (json_string_value(json_object_get(r, "Reason")))
		printf("    reason: %s\n", str_of(r, "Reason"));
}

static void show_call(const json_t *call)
{
	const json_t *legs = json_object_get(call, "Legs");
	const json_t *tl = json_object_get(call, "Timeline");
	const json_t *v;
	size_t k;

	printf("Call %s: %zu leg(s)\n\n", str_of(call, "TransactionId"),
	       json_array_size(legs));
	json_array_foreach(legs, k, v) {
		show_leg(v);
		putchar('\n');
	}
	if (json_array_size(json_object_get(call, "Recordings"))) {
		printf("Recordings (UTC)\n");
		json_array_foreach(json_object_get(call, "Recordings"), k, v)
			show_recording(v);
		putchar('\n');
	}
	printf("Timeline (UTC)\n");
	if (!json_array_size(tl))
		printf("  (no handler invocations)\n");
	json_array_foreach(tl, k, v)
		show_entry(v);
}

static int cdr_show(int argc, char **argv)
{
	struct cdr_opts o = {.data_dir = DEFAULT_DATA_DIR};
	struct cdr_store *st = NULL;
	json_t *call = NULL;
	int rc, err;

	rc = opts_parse(argc, argv, false, &o);
	if (rc >= 0)
		return rc;
	if (store_open(&o, &st))
		return 1;
	err = cdr_query_call(st, o.tid, &call);
	cdr_close(st);
	if (err == ENOENT) {
		fprintf(stderr, "no call with TransactionId %s in %s\n", o.tid,
			o.data_dir);
		return 1;
	}
	if (err) {
		fprintf(stderr, "cannot read call records: %s\n", strerror(err));
		return 1;
	}
	if (o.json) {
		json_dumpf(call, stdout, JSON_INDENT(2));
		putchar('\n');
	} else {
		show_call(call);
	}
	json_decref(call);
	return 0;
}

int cli_cdr(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : NULL;

	if (!cmd)
		return usage(stderr, 2);
	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help"))
		return usage(stdout, 0);
	if (!strcmp(cmd, "list"))
		return cdr_list(argc - 1, argv + 1);
	if (!strcmp(cmd, "show"))
		return cdr_show(argc - 1, argv + 1);
	fprintf(stderr, "callflow cdr: unknown command '%s'\n", cmd);
	return usage(stderr, 2);
}
