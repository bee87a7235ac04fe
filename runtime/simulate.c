/* simulate.c - `callflow simulate`: one call to a handler through the
 * server's own runtime (call layer, engine, actions, media engine, CDR)
 * with a simulated caller instead of SIP, offline media instead of RTP,
 * and the loop on a virtual clock, so minutes of prompts pass in
 * milliseconds. Prints the timeline and checks the scenario's
 * expectations: exit 0 when they hold, 1 with a diff when not, 2 for
 * usage, configuration and scenario errors. */
#include <errno.h>
#include <ftw.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "call.h"
#include "cli.h"
#include "clock.h"
#include "log.h"
#include "serve.h"
#include "sim_priv.h"

#define CHECK_MS     1000u    /* the call's end is also polled this often */
#define END_GRACE_MS 60000u   /* after max_duration, give up waiting */

static const char usage_text[] =
	"usage: callflow simulate SCRIPT [--scenario FILE] [--json]\n"
	"                         [--storage DIR] [--data DIR] [-c CONFIG] [-v]\n"
	"\n"
	"Runs one call to the Lua handler SCRIPT offline, on a virtual clock:\n"
	"no SIP, no RTP, and prompts take no real time. Prints the call's\n"
	"timeline and checks the scenario's expectations.\n"
	"\n"
	"  -s, --scenario FILE  Lua file returning the caller's steps and the\n"
	"                       expectations (docs/simulate.md); default: a\n"
	"                       caller who stays until the server hangs up\n"
	"  -j, --json           JSON lines instead of the ladder\n"
	"      --storage DIR    storage root for S3-style buckets (default: the\n"
	"                       config's, or SCRIPT's directory/storage)\n"
	"      --data DIR       keep the CDR store (cdr.sqlite) in DIR; default:\n"
	"                       a temporary directory removed at exit\n"
	"  -c, --config FILE    take the account, region, limits, storage and\n"
	"                       the SCRIPT's application and rule from FILE\n"
	"  -v, --verbose        show the log (handler print() output); twice:\n"
	"                       debug\n"
	"  -h, --help           this text\n"
	"\n"
	"Exit status: 0 expectations met (or none), 1 not met, 2 usage or\n"
	"scenario error.\n";

struct sim_opts {
	const char *script, *scenario, *config, *storage, *data;
	bool json;
	int verbose;
};

static struct {
	struct server srv;
	struct sim_scenario sc;
	const char *sma_id, *to;
	const char *script;       /* as given on the command line */
	char tid[40];
	uint64_t t0_us;
	/* The engine reports an action's start before it picks the leg and
	 * answers the call: its line waits until then (or until anything
	 * else is printed), so it can say which leg and that it answered. */
	const struct action *start;
	uint64_t start_ms;
	bool start_answered;
	struct sim_inv *invs;
	size_t ninvs, cap;
	struct sim_end end;
	char cause[64];
	bool leg_over, stopped;
	uint64_t end_ms;
	struct tmr check_tmr, poll_tmr, max_tmr, grace_tmr, start_tmr;
} sim;

static uint64_t now_ms(void)
{
	return (clock_mono_us() - sim.t0_us) / 1000u;
}

/* ---- the end of the call ---- */

static void check_end(void *arg)
{
	(void)arg;
	if (sim.stopped || !sim.leg_over || calls_active())
		return;
	sim.stopped = true;
	sim.end_ms = now_ms();
	loop_stop();
}

static void check_soon(void)
{
	tmr_defer(&sim.check_tmr, check_end, NULL);
}

static void poll_end(void *arg)
{
	(void)arg;
	check_end(NULL);
	if (!sim.stopped)
		tmr_start(&sim.poll_tmr, CHECK_MS, poll_end, NULL);
}

static void give_up(void *arg)
{
	(void)arg;
	log_warn("sim", "the call did not end %u s after max_duration",
		 END_GRACE_MS / 1000);
	sim.stopped = true;
	sim.end_ms = now_ms();
	loop_stop();
}

/* ---- what the caller sees (sim_sig) ---- */

static void flush_start(void)
{
	const struct action *a = sim.start;

	if (!a)
		return;
	sim.start = NULL;
	sim_out_action_start(sim.start_ms, a, sim.start_answered);
}

static void flush_start_cb(void *arg)
{
	(void)arg;
	flush_start();
}

/* Whatever is printed next comes after the line that waits. */
static void flush(void)
{
	flush_start();
}

static void on_progress(int status)
{
	flush();
	sim_out_caller(now_ms(), "progress", json_pack("{s:i}", "status",
		       status), "<- %d%s", status, status == 180 ?
		       " Ringing" : status == 183 ? " Session Progress" : "");
}

/* In the ladder the answer shows on the line of the action that
 * answered; JSON lines get a record of their own. */
static void on_answered(void)
{
	sim.end.sip_status = 200;
	if (sim.start)
		sim.start_answered = true;
	if (sim.start && !sim_out_is_json())
		return;
	flush();
	sim_out_caller(now_ms(), "answered", json_pack("{s:i}", "status", 200),
		       "<- 200 OK, -> ACK");
}

static const char *status_phrase(int status)
{
	switch (status) {
	case 404: return " Not Found";
	case 480: return " Temporarily Unavailable";
	case 486: return " Busy Here";
	case 487: return " Request Terminated";
	case 488: return " Not Acceptable Here";
	case 500: return " Server Internal Error";
	case 503: return " Service Unavailable";
	case 603: return " Decline";
	default:  return "";
	}
}

static void on_ended(int status, bool answered, const char *cause,
		     const char *reason)
{
	const char *why = cause ? cause : reason;

	flush();
	sim.leg_over = true;
	sim.end.hangup_by = "server";
	if (!answered)
		sim.end.sip_status = status;
	snprintf(sim.cause, sizeof(sim.cause), "%s", cause ? cause : "");
	sim.end.cause = cause ? sim.cause : NULL;
	if (answered)
		sim_out_caller(now_ms(), "bye", json_pack("{s:s?, s:s?}",
			       "cause", cause, "reason", reason),
			       "<- BYE%s%s%s", why ? " (" : "", why ? why : "",
			       why ? ")" : "");
	else
		sim_out_caller(now_ms(), "rejected", json_pack("{s:i, s:s?, "
			       "s:s?}", "status", status, "cause", cause,
			       "reason", reason), "<- %d%s%s%s%s", status,
			       status_phrase(status), why ? " (" : "",
			       why ? why : "", why ? ")" : "");
	check_soon();
}

static const struct sim_sig_obs sig_obs = {
	.progress = on_progress,
	.answered = on_answered,
	.ended = on_ended,
};

/* ---- what the handler sees (the engine observer) ---- */

static void steps_on(const char *name, bool is_event);

/* Virtual time of the invocation in flight: handler print() runs on a
 * worker, whose clock is real. The workq hand-off orders this write
 * before the worker's read. */
static uint64_t print_ms;

/* The script host logs print() under the script's file name. */
static void on_log(enum log_level lvl, const char *module, const char *msg)
{
	const char *base = strrchr(sim.script, '/');

	if (lvl != LOG_INFO || strcmp(module, base ? base + 1 : sim.script))
		return;
	sim_out_print(print_ms, module, msg);
}

static void on_invoked(const struct call *call, const json_t *event)
{
	struct sim_inv *inv;

	flush();
	if (!sim.tid[0])
		snprintf(sim.tid, sizeof(sim.tid), "%s", call->transaction_id);
	if (sim.ninvs == sim.cap) {
		size_t cap = sim.cap ? sim.cap * 2 : 16;
		struct sim_inv *p = realloc(sim.invs, cap * sizeof(*p));

		if (!p)
			return;
		sim.invs = p;
		sim.cap = cap;
	}
	inv = &sim.invs[sim.ninvs++];
	memset(inv, 0, sizeof(*inv));
	inv->t_ms = now_ms();
	print_ms = inv->t_ms;
	inv->event = json_deep_copy(event);
	sim_out_invoke(inv->t_ms, event);
	steps_on(json_string_value(json_object_get(event,
				   "InvocationEventType")), true);
}

static void on_returned(const struct call *call, const json_t *event,
			const json_t *resp, const char *error)
{
	json_t *seq = json_object_get(event, "Sequence");
	size_t i;

	(void)call;
	flush();
	for (i = sim.ninvs; i-- > 0;) {
		struct sim_inv *inv = &sim.invs[i];

		if (inv->returned || !json_equal(json_object_get(inv->event,
						 "Sequence"), seq))
			continue;
		inv->returned = true;
		inv->resp = resp ? json_deep_copy(resp) : NULL;
		inv->error = error ? strdup(error) : NULL;
		break;
	}
	sim_out_response(now_ms(), event, resp, error);
	check_soon();
}

static void on_action_start(const struct call *call, const struct action *a)
{
	(void)call;
	flush();
	sim.start = a;
	sim.start_ms = now_ms();
	sim.start_answered = false;
	tmr_defer(&sim.start_tmr, flush_start_cb, NULL);
	steps_on(a->ops->type, false);
}

static void on_action_end(const struct call *call, const struct action *a,
			  const char *outcome)
{
	(void)call;
	flush();
	sim_out_action_end(now_ms(), a, outcome);
}

static const struct engine_observer engine_obs = {
	.invoked = on_invoked,
	.returned = on_returned,
	.action_start = on_action_start,
	.action_end = on_action_end,
};

/* ---- what the caller does ---- */

static bool caller_can_act(struct sim_step *st, const char *what)
{
	enum sim_leg_state s = sim_sig_state();

	if (s == SIM_LEG_OFFERED || s == SIM_LEG_ANSWERED)
		return true;
	sim_out_caller(now_ms(), "skipped", json_pack("{s:i}", "step",
		       st->num), "-- caller[%u] %s not done: the call is over",
		       st->num, what);
	return false;
}

static void caller_hangup(const char *why)
{
	bool before = sim_sig_state() == SIM_LEG_OFFERED;

	flush();
	sim_sig_hangup();
	sim.leg_over = true;
	sim.end.hangup_by = "caller";
	snprintf(sim.cause, sizeof(sim.cause), "%s", before ?
		 "caller-cancel" : "caller-bye");
	sim.end.cause = sim.cause;
	if (before)
		sim.end.sip_status = 487;
	sim_out_caller(now_ms(), before ? "cancel" : "bye", NULL, "-> %s%s",
		       before ? "CANCEL" : "BYE", why);
}

static void step_update(struct sim_step *st)
{
	char *args = json_dumps(st->update, JSON_COMPACT | JSON_SORT_KEYS);
	int err;

	sim_out_caller(now_ms(), "update", json_pack("{s:O}", "arguments",
		       st->update), "-> UpdateSipMediaApplicationCall %s",
		       args ? args : "{}");
	free(args);
	err = sim.tid[0] ? engine_update(sim.sma_id, sim.tid, st->update) :
	      ESRCH;
	if (err)
		sim_out_caller(now_ms(), "update_refused", json_pack("{s:s}",
			       "error", strerror(err)), "   update refused: %s",
			       err == ESRCH ? "no live call with that "
			       "TransactionId (NotFoundException)" :
			       err == ENOENT ? "no such application "
			       "(NotFoundException)" : strerror(err));
}

static void step_run(void *arg)
{
	struct sim_step *st = arg;
	char d;

	flush();
	switch (st->kind) {
	case SIM_STEP_DIGITS:
		if (!st->next)
			st->next = st->digits;
		if (!caller_can_act(st, "digits"))
			return;
		d = *st->next++;
		sim_out_caller(now_ms(), "dtmf", json_pack("{s:s#}", "digit",
			       &d, (size_t)1), "-> DTMF %c", d);
		sim_sig_dtmf(d);
		if (*st->next)
			tmr_start(&st->tmr, st->gap_ms, step_run, st);
		break;
	case SIM_STEP_HANGUP:
		if (caller_can_act(st, "hang-up"))
			caller_hangup("");
		break;
	case SIM_STEP_UPDATE:
		step_update(st);
		break;
	}
}

/* The nth start of an action type, or delivery of an event type. */
static void steps_on(const char *name, bool is_event)
{
	size_t i;

	for (i = 0; name && i < sim.sc.nsteps; i++) {
		struct sim_step *st = &sim.sc.steps[i];

		if (st->has_at || st->fired || st->on_event != is_event ||
		    strcmp(st->on, name) || ++st->seen < st->nth)
			continue;
		st->fired = true;
		tmr_start(&st->tmr, st->after_ms, step_run, st);
	}
}

static void max_reached(void *arg)
{
	(void)arg;
	sim.end.timed_out = true;
	if (sim_sig_state() == SIM_LEG_OFFERED ||
	    sim_sig_state() == SIM_LEG_ANSWERED)
		caller_hangup(" (max_duration reached)");
	tmr_start(&sim.grace_tmr, END_GRACE_MS, give_up, NULL);
	check_soon();
}

static int call_start(void)
{
	const struct sim_scenario *sc = &sim.sc;
	size_t i;
	int err;

	sim.t0_us = clock_mono_us();
	sim_out_caller(0, "invite", json_pack("{s:s, s:s, s:O?}", "from",
		       sc->from, "to", sim.to, "headers", sc->headers),
		       "-> INVITE from %s to %s", sc->from, sim.to);
	err = sim_sig_invite(sc->from, sim.to, sc->headers);
	if (err)
		return err;
	for (i = 0; i < sc->nsteps; i++)
		if (sc->steps[i].has_at)
			tmr_start(&sc->steps[i].tmr, sc->steps[i].at_ms,
				  step_run, &sc->steps[i]);
	tmr_start(&sim.max_tmr, sc->max_duration_ms, max_reached, NULL);
	tmr_start(&sim.poll_tmr, CHECK_MS, poll_end, NULL);
	return 0;
}

/* ---- the run ---- */

static int opts_parse(int argc, char **argv, struct sim_opts *o)
{
	static const struct option lopts[] = {
		{"scenario", required_argument, NULL, 's'},
		{"json", no_argument, NULL, 'j'},
		{"storage", required_argument, NULL, 'S'},
		{"data", required_argument, NULL, 'd'},
		{"config", required_argument, NULL, 'c'},
		{"verbose", no_argument, NULL, 'v'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":s:jc:vh", lopts, NULL)) != -1) {
		switch (c) {
		case 's': o->scenario = optarg; break;
		case 'j': o->json = true; break;
		case 'S': o->storage = optarg; break;
		case 'd': o->data = optarg; break;
		case 'c': o->config = optarg; break;
		case 'v': o->verbose++; break;
		case 'h': fputs(usage_text, stdout); return 0;
		default:
			fprintf(stderr, "callflow simulate: %s '%s'\n",
				c == ':' ? "missing value for" : "unknown option",
				argv[optind - 1]);
			fputs("Run 'callflow simulate --help' for the options.\n",
			      stderr);
			return 2;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, "callflow simulate: %s\n", optind < argc ?
			"one SCRIPT only" : "SCRIPT is required");
		fputs(usage_text, stderr);
		return 2;
	}
	o->script = argv[optind];
	return -1;
}

static int rm_entry(const char *path, const struct stat *st, int flag,
		    struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	remove(path);
	return 0;
}

static void summary_print(bool ok, bool checked)
{
	char text[512];
	size_t ninv = sim.ninvs;

	snprintf(text, sizeof(text), "%s after %.3f s: caller saw %d, hung up "
		 "by %s%s%s%s; %zu invocation%s; transaction %s; expectations %s",
		 sim.end.timed_out ? "max_duration reached" : "call over",
		 sim.end_ms / 1000.0, sim.end.sip_status,
		 sim.end.hangup_by ? sim.end.hangup_by : "nobody",
		 sim.end.cause ? " (" : "", sim.end.cause ? sim.end.cause : "",
		 sim.end.cause ? ")" : "", ninv, ninv == 1 ? "" : "s",
		 sim.tid[0] ? sim.tid : "-", !checked ? "none" : ok ? "met" :
		 "NOT met");
	sim_out_end(sim.end_ms, json_pack("{s:i, s:s?, s:s?, s:b, s:I, s:s?, "
		    "s:s}", "sip_status", sim.end.sip_status, "hangup_by",
		    sim.end.hangup_by, "cause", sim.end.cause, "timed_out",
		    sim.end.timed_out, "invocations", (json_int_t)ninv,
		    "transaction_id", sim.tid[0] ? sim.tid : NULL,
		    "expectations", !checked ? "none" : ok ? "met" : "failed"),
		    text);
	fflush(stdout);
}

static int scenario_load(const struct sim_opts *o)
{
	char err[600];

	if (!o->scenario) {
		sim_scenario_default(&sim.sc);
		return 0;
	}
	if (sim_scenario_load(&sim.sc, o->scenario, err, sizeof(err))) {
		fprintf(stderr, "callflow simulate: %s\n", err);
		return 2;
	}
	return 0;
}

/* Configuration, data directory and the script's path. */
static int setup(const struct sim_opts *o, char *data, size_t datasz,
		 bool *tmp)
{
	struct sim_setup su = {.config = o->config, .storage = o->storage,
			       .to = sim.sc.to};
	char script[PATH_MAX], err[700];
	int rc;

	if (!realpath(o->script, script)) {
		fprintf(stderr, "callflow simulate: %s: %s\n", o->script,
			strerror(errno));
		return 2;
	}
	su.script = script;
	if (o->data) {
		snprintf(data, datasz, "%s", o->data);
	} else {
		snprintf(data, datasz, "%s/callflow-sim-XXXXXX",
			 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
		if (!mkdtemp(data)) {
			fprintf(stderr, "callflow simulate: %s: %s\n", data,
				strerror(errno));
			return 2;
		}
		*tmp = true;
	}
	su.data_dir = data;
	rc = sim_config_build(&sim.srv.cfg, &su, &sim.to, &sim.sma_id, err,
			      sizeof(err));
	if (rc)
		fprintf(stderr, "callflow simulate: %s\n", err);
	return rc;
}

static void run_close(void)
{
	size_t i;

	flush();
	for (i = 0; i < sim.sc.nsteps; i++)
		tmr_close(&sim.sc.steps[i].tmr);
	tmr_close(&sim.start_tmr);
	tmr_close(&sim.check_tmr);
	tmr_close(&sim.poll_tmr);
	tmr_close(&sim.max_tmr);
	tmr_close(&sim.grace_tmr);
	engine_observe(NULL);
	sim_sig_observe(NULL);
}

static int run(void)
{
	bool ok = true;
	int err;

	loop_set_virtual(clock_wall_ms());
	sig_register(&sim_sig_ops);
	sim_sig_observe(&sig_obs);
	engine_observe(&engine_obs);
	sim.srv.offline_media = true;
	err = server_start(&sim.srv);
	if (!err)
		err = call_start();
	if (!err)
		err = loop_run();
	if (err)
		fprintf(stderr, "callflow simulate: cannot run: %s\n",
			strerror(err));
	if (!sim.stopped)
		sim.end_ms = now_ms();
	run_close();
	server_stop(&sim.srv);
	if (err)
		return 2;   /* nothing was simulated: not a failed expectation */
	ok = sim_expect_check(sim.sc.path ? sim.sc.path : sim.script,
			      &sim.sc, sim.invs, sim.ninvs, &sim.end);
	summary_print(ok, sim.sc.has_expect || sim.sc.has_end ||
		      sim.end.timed_out);
	return ok ? 0 : 1;
}

static void sim_free(void)
{
	size_t i;

	for (i = 0; i < sim.ninvs; i++) {
		json_decref(sim.invs[i].event);
		json_decref(sim.invs[i].resp);
		free(sim.invs[i].error);
	}
	free(sim.invs);
	sim_scenario_free(&sim.sc);
}

int cli_simulate(int argc, char **argv)
{
	struct sim_opts o = {0};
	char data[PATH_MAX];
	bool tmp = false;
	int rc;

	signal(SIGPIPE, SIG_IGN);
	if ((rc = opts_parse(argc, argv, &o)) >= 0)
		return rc;
	log_set_level(o.verbose > 1 ? LOG_DEBUG : o.verbose ? LOG_INFO :
		      LOG_WARN);
	sim_out_init(o.json);
	sim.script = o.script;
	if (!o.verbose)     /* with -v the log shows them already */
		log_set_sink(on_log);
	rc = scenario_load(&o);
	if (!rc)
		rc = setup(&o, data, sizeof(data), &tmp);
	if (!rc)
		rc = run();
	else
		config_free(&sim.srv.cfg);
	if (tmp)
		nftw(data, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	sim_free();
	return rc;
}
