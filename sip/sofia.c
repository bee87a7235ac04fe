/* sofia.c - the sofia-sip thread: start, stop, op marshalling, nua events. */
#include "sip/sofia_priv.h"

#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sofia-sip/nua_tag.h>
#include <sofia-sip/sip_tag.h>
#include <sofia-sip/su_log.h>
#include <sofia-sip/tport_tag.h>

#include "runtime/log.h"
#include "sip/sofia.h"

/* Exported by libsofia-sip-ua but not declared in its installed headers. */
extern su_log_t nua_log[], nta_log[], tport_log[], soa_log[], stun_log[];

/* Methods we answer. MESSAGE, SUBSCRIBE, NOTIFY, REFER, UPDATE, PUBLISH
 * and unknown methods are left out, so nua replies 405 with this list. */
#define SOFIA_ALLOW "INVITE, ACK, BYE, CANCEL, OPTIONS, PRACK, INFO, REGISTER"

static struct {
	pthread_t thread;
	bool running;
	sem_t ready;
	int start_err;
	char url[128];
	char ua[128];
	struct sofia_stack st;   /* owned by the sofia thread */
	su_root_t *root;         /* loop thread's view, for sending ops */
} sofia;

static struct sig_event *event_alloc(enum sig_event_type type,
				     uint64_t leg_id)
{
	struct sig_event *ev = calloc(1, sizeof(*ev));

	if (!ev) {
		log_error("sip", "leg %llu: event %d lost: out of memory",
			  (unsigned long long)leg_id, (int)type);
		return NULL;
	}
	ev->type = type;
	ev->leg_id = leg_id;
	return ev;
}

void sofia_event_post(enum sig_event_type type, uint64_t leg_id, int status,
		      const char *reason, struct sig_invite *inv)
{
	struct sig_event *ev = event_alloc(type, leg_id);

	if (!ev) {
		if (inv)
			sig_invite_free(inv);
		return;
	}
	ev->status = status;
	snprintf(ev->reason, sizeof(ev->reason), "%s", reason ? reason : "");
	ev->invite = inv;
	sig_event_post(ev);
}

/* A digit read from a SIP INFO body. */
void sofia_event_post_dtmf(uint64_t leg_id, char digit, unsigned duration_ms)
{
	struct sig_event *ev = event_alloc(SIG_EV_DTMF, leg_id);

	if (!ev)
		return;
	ev->digit = digit;
	ev->duration_ms = duration_ms;
	sig_event_post(ev);
}

static void sofia_event_cb(nua_event_t event, int status, char const *phrase,
			   nua_t *nua, struct sofia_stack *st,
			   nua_handle_t *nh, struct sofia_leg *leg,
			   sip_t const *sip, tagi_t tags[])
{
	if (!phrase)
		phrase = "";

	switch (event) {
	case nua_i_invite:
		sofia_leg_invite(st, nh, leg, sip);
		break;
	case nua_i_ack:
		if (leg)
			sofia_leg_ack(leg);
		break;
	case nua_i_cancel:
		/* nua has already answered 200 to the CANCEL and will send
		 * 487 to the INVITE. */
		if (leg)
			sofia_leg_end(leg, SIG_EV_CANCEL, 487,
				      "Request Terminated");
		break;
	case nua_i_bye:
		if (leg)
			sofia_leg_end(leg, SIG_EV_BYE, 200, "BYE received");
		break;
	case nua_i_state:
		sofia_leg_state(st, nh, leg, status, phrase, tags);
		break;
	case nua_i_register:
		sofia_reg_request(nua, nh, status, sip);
		break;
	case nua_i_info:
		sofia_info_request(nua, nh, leg, status, sip);
		break;
	case nua_r_shutdown:
		log_debug("sip", "shutdown: %d %s", status, phrase);
		if (status >= 200)
			su_root_break(st->root);
		break;
	case nua_i_error:
		log_warn("sip", "nua error: %d %s", status, phrase);
		break;
	default:
		log_debug("sip", "%s: %d %s (%s)", nua_event_name(event),
			  status, phrase, leg ? "leg" : "no leg");
		break;
	}
}

static void sofia_op_deliver(struct sofia_stack *st, su_msg_r msg,
			     struct sofia_op *op)
{
	(void)msg;

	if (op->type == SOFIA_OP_SHUTDOWN)
		nua_shutdown(st->nua);
	else
		sofia_op_run(st, op);
}

/* Loop thread: copy an op (and its text, inline) into an su_msg for the
 * sofia thread. */
int sofia_op_send(enum sofia_op_type type, uint64_t leg_id, int status,
		  const char *text)
{
	su_msg_r m = SU_MSG_R_INIT;
	size_t len = text ? strlen(text) : 0;
	struct sofia_op *op;

	if (!sofia.root) {
		log_debug("sip", "leg %llu: op %d ignored: stack not running",
			  (unsigned long long)leg_id, (int)type);
		return ENOTCONN;
	}
	if (su_msg_create(m, su_root_task(sofia.root), su_task_null,
			  sofia_op_deliver, sizeof(*op) + len + 1) != 0)
		return ENOMEM;

	op = su_msg_data(m);
	op->type = type;
	op->leg_id = leg_id;
	op->status = status;
	if (len)
		memcpy(op->text, text, len);
	op->text[len] = '\0';

	return su_msg_send(m) == 0 ? 0 : EIO;
}

/* What sofia still says at level 0 (e.g. about garbage datagrams) goes to
 * our log as debug lines instead of raw stderr. */
static void sofia_log_fwd(void *stream, char const *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

static void sofia_log_fwd(void *stream, char const *fmt, va_list ap)
{
	char line[512];
	size_t len;
	(void)stream;

	vsnprintf(line, sizeof(line), fmt, ap);
	len = strlen(line);
	while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		line[--len] = '\0';
	if (len)
		log_debug("sofia", "%s", line);
}

static void sofia_log_quiet(void)
{
	su_log_t *logs[] = { su_log_default, nua_log, nta_log, tport_log,
			     soa_log, stun_log };
	size_t i;

	/* TPORT_LOG=1 asks sofia to dump every message: keep its logs then. */
	if (getenv("TPORT_LOG"))
		return;
	for (i = 0; i < sizeof(logs) / sizeof(logs[0]); i++) {
		su_log_set_level(logs[i], 0);
		su_log_redirect(logs[i], sofia_log_fwd, NULL);
	}
}

static int sofia_stack_open(struct sofia_stack *st)
{
	st->root = su_root_create(st);
	if (!st->root)
		return ENOMEM;

	/* Keep nua in this thread: no extra clone thread, and callbacks
	 * run right here where the leg map lives. */
	su_root_threading(st->root, 0);

	errno = 0;
	st->nua = nua_create(st->root, sofia_event_cb, st,
			     NUTAG_URL(sofia.url),
			     TAG_IF(sofia.ua[0], SIPTAG_USER_AGENT_STR(sofia.ua)),
			     NUTAG_MEDIA_ENABLE(0),
			     /* sofia's built-in STUN responder writes to stderr
			      * on any datagram that looks like STUN; we are not
			      * a STUN server. */
			     TPTAG_STUN_SERVER(0),
			     NUTAG_AUTOALERT(0),
			     NUTAG_AUTOANSWER(0),
			     NUTAG_SESSION_TIMER(0),
			     SIPTAG_ALLOW(SIP_NONE),
			     SIPTAG_ALLOW_STR(SOFIA_ALLOW),
			     NUTAG_APPL_METHOD("INFO"),
			     NUTAG_APPL_METHOD("REGISTER"),
			     TAG_END());
	if (!st->nua) {
		/* tport leaves the bind error in errno. */
		int err = errno ? errno : EADDRNOTAVAIL;
		su_root_destroy(st->root);
		st->root = NULL;
		return err;
	}
	return 0;
}

static void *sofia_thread(void *arg)
{
	struct sofia_stack *st = &sofia.st;
	sigset_t set;
	int err;
	(void)arg;

	/* Signals belong to the loop thread (loop_signal). */
	sigfillset(&set);
	pthread_sigmask(SIG_BLOCK, &set, NULL);

	if (su_init() != 0) {
		sofia.start_err = ENOMEM;
		sem_post(&sofia.ready);
		return NULL;
	}
	sofia_log_quiet();

	err = sofia_stack_open(st);
	sofia.start_err = err;
	sem_post(&sofia.ready);
	if (err)
		goto out;

	su_root_run(st->root);

	nua_destroy(st->nua);
	st->nua = NULL;
	sofia_leg_close_all(st);
	su_root_destroy(st->root);
	st->root = NULL;
 out:
	su_deinit();
	return NULL;
}

static void sofia_url_make(const struct sig_config *cfg)
{
	const char *addr = cfg && cfg->listen_addr && *cfg->listen_addr
		? cfg->listen_addr : "*";
	unsigned port = cfg && cfg->listen_port ? cfg->listen_port : 5060;
	bool v6 = strchr(addr, ':') != NULL && addr[0] != '[';

	/* No ;transport= parameter: nta then binds both UDP and TCP. */
	snprintf(sofia.url, sizeof(sofia.url), "sip:%s%s%s:%u",
		 v6 ? "[" : "", addr, v6 ? "]" : "", port);
	snprintf(sofia.ua, sizeof(sofia.ua), "%s",
		 cfg && cfg->user_agent ? cfg->user_agent : "");
}

static int sofia_start(const struct sig_config *cfg)
{
	uint64_t next_id;
	int err;

	if (sofia.running)
		return EALREADY;

	sofia_url_make(cfg);
	/* Leg ids stay unique across a stop and a new start. */
	next_id = sofia.st.next_leg_id;
	memset(&sofia.st, 0, sizeof(sofia.st));
	sofia.st.next_leg_id = next_id;
	sofia.start_err = 0;
	if (sem_init(&sofia.ready, 0, 0) != 0)
		return errno;

	err = pthread_create(&sofia.thread, NULL, sofia_thread, NULL);
	if (err)
		goto out;

	while (sem_wait(&sofia.ready) != 0 && errno == EINTR)
		;
	err = sofia.start_err;
	if (err) {
		pthread_join(sofia.thread, NULL);
		log_error("sip", "cannot listen on %s (udp+tcp): %s",
			  sofia.url, strerror(err));
		goto out;
	}

	sofia.root = sofia.st.root;
	sofia.running = true;
	log_info("sip", "listening on %s (udp, tcp)", sofia.url);
 out:
	sem_destroy(&sofia.ready);
	return err;
}

/* nua_shutdown ends every call (nua reports each as terminated, so each
 * leg gets its GONE), then nua_r_shutdown breaks su_root_run and the
 * thread tears the stack down. */
static void sofia_stop(void)
{
	if (!sofia.running)
		return;

	if (sofia_op_send(SOFIA_OP_SHUTDOWN, 0, 0, NULL) != 0)
		log_error("sip", "cannot ask the sofia thread to shut down");
	pthread_join(sofia.thread, NULL);

	sofia.root = NULL;
	sofia.running = false;
	sofia_reg_clear();
	log_info("sip", "stopped");
}

static void sofia_progress(uint64_t leg_id, int status)
{
	sofia_op_send(SOFIA_OP_PROGRESS, leg_id, status, NULL);
}

static void sofia_answer(uint64_t leg_id, const char *sdp)
{
	sofia_op_send(SOFIA_OP_ANSWER, leg_id, 200, sdp);
}

static void sofia_reject(uint64_t leg_id, int status, const char *reason)
{
	sofia_op_send(SOFIA_OP_REJECT, leg_id, status, reason);
}

static void sofia_hangup(uint64_t leg_id)
{
	sofia_op_send(SOFIA_OP_HANGUP, leg_id, 0, NULL);
}

const struct sig_ops sofia_sig_ops = {
	.name = "sofia",
	.start = sofia_start,
	.stop = sofia_stop,
	.progress = sofia_progress,
	.answer = sofia_answer,
	.reject = sofia_reject,
	.hangup = sofia_hangup,
};
