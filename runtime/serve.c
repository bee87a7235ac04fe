/* serve.c - `callflow serve`: loads and checks the configuration, starts
 * the runtime's parts in dependency order, runs the loop, and stops them in
 * reverse order on SIGINT/SIGTERM. */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "audio.h"
#include "call.h"
#include "cdr.h"
#include "config.h"
#include "handler.h"
#include "http_api.h"
#include "log.h"
#include "loop.h"
#include "media.h"
#include "record.h"
#include "serve.h"
#include "sig.h"
#include "tts.h"

#define SPEECH_CACHE_BYTES (32u << 20)

static void serve_usage(FILE *f)
{
	fprintf(f,
		"usage: callflow serve [-c FILE] [--sip ADDR:PORT] [--http ADDR:PORT]\n"
		"                      [--data-dir DIR] [-v]\n"
		"\n"
		"  -c, --config FILE    Lua file returning the configuration table\n"
		"                       (default: a built-in configuration with no\n"
		"                       applications, SIP on 127.0.0.1:5060)\n"
		"      --sip ADDR:PORT  SIP listen address, UDP and TCP\n"
		"      --http ADDR:PORT REST API listen address (off by default)\n"
		"      --data-dir DIR   where cdr.sqlite lives (default ./var)\n"
		"  -v, --verbose        debug logging\n"
		"  -h, --help           this text\n");
}

int server_config_load(const char *path, struct config *cfg)
{
	const struct handler_ops *h = handler_get();
	struct handler_error herr;
	char real[PATH_MAX], dir[PATH_MAX], err[512];
	json_t *root = NULL;

	if (!realpath(path, real)) {
		fprintf(stderr, "callflow: %s: %s\n", path, strerror(errno));
		return 2;
	}
	if (h->eval_config(real, &root, &herr) != HANDLER_OK) {
		fprintf(stderr, "callflow: %s\n", herr.message);
		return 2;
	}
	snprintf(dir, sizeof(dir), "%s", real);
	if (config_from_json(cfg, root, dirname(dir), err, sizeof(err))) {
		fprintf(stderr, "callflow: %s: %s\n", path, err);
		json_decref(root);
		return 2;
	}
	json_decref(root);
	cfg->path = strdup(real);
	return 0;
}

static int parse_args(int argc, char **argv, struct config *cfg)
{
	static const struct option opts[] = {
		{"config", required_argument, NULL, 'c'},
		{"sip", required_argument, NULL, 's'},
		{"http", required_argument, NULL, 'H'},
		{"data-dir", required_argument, NULL, 'd'},
		{"verbose", no_argument, NULL, 'v'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *file = NULL, *sip = NULL, *http = NULL, *data = NULL;
	int c, err;

	optind = 1;
	while ((c = getopt_long(argc, argv, "c:vh", opts, NULL)) != -1) {
		switch (c) {
		case 'c': file = optarg; break;
		case 's': sip = optarg; break;
		case 'H': http = optarg; break;
		case 'd': data = optarg; break;
		case 'v': log_set_level(LOG_DEBUG); break;
		case 'h': serve_usage(stdout); exit(0);
		default:  serve_usage(stderr); return 2;
		}
	}
	if (optind < argc) {
		serve_usage(stderr);
		return 2;
	}
	if (config_default(cfg))
		return 1;
	if (file && (err = server_config_load(file, cfg)))
		return err;
	/* Flags override the file. */
	if (sip && config_parse_hostport(sip, cfg->sip_addr,
					 sizeof(cfg->sip_addr), &cfg->sip_port)) {
		fprintf(stderr, "callflow: --sip: '%s' is not ADDR:PORT\n", sip);
		return 2;
	}
	if (http && config_parse_hostport(http, cfg->http_addr,
					  sizeof(cfg->http_addr), &cfg->http_port)) {
		fprintf(stderr, "callflow: --http: '%s' is not ADDR:PORT\n", http);
		return 2;
	}
	if (data) {
		free(cfg->data_dir);
		cfg->data_dir = strdup(data);
	}
	return 0;
}

/* A script that does not compile is served anyway (the call gets a clean
 * error and a CDR reason), but the operator hears about it at start. */
static void scripts_check(const struct config *cfg)
{
	struct handler_error herr;
	unsigned i;

	for (i = 0; i < cfg->nsmas; i++)
		if (handler_get()->check(cfg->smas[i].script, &herr) != HANDLER_OK)
			log_warn("serve", "application %s: %s", cfg->smas[i].id,
				 herr.message);
}

static void on_signal(int signum, void *arg)
{
	(void)arg;
	log_info("serve", "signal %d: shutting down", signum);
	calls_close();
	loop_stop();
}

int server_start(struct server *s)
{
	const struct config *cfg = &s->cfg;
	struct media_config mc = {.port_min = cfg->rtp_port_min,
				  .port_max = cfg->rtp_port_max,
				  .offline = s->offline_media};
	struct sig_config sc = {.listen_addr = cfg->sip_addr,
				.listen_port = cfg->sip_port,
				.user_agent = "callflow/0.1"};
	int err;

	snprintf(mc.rtp_addr, sizeof(mc.rtp_addr), "%s", cfg->rtp_addr);
	if ((err = loop_init()))
		return err;
	if ((err = cdr_open(cfg->data_dir, false, &s->cdr))) {
		log_error("serve", "cannot open the CDR store in %s: %s",
			  cfg->data_dir, strerror(err));
		return err;
	}
	/* Recordings a crash left open are repaired before new calls start. */
	if ((err = cdr_recordings_recover(s->cdr, rec_repair))) {
		log_error("serve", "cannot recover recordings: %s", strerror(err));
		return err;
	}
	if ((err = media_init(&mc))) {
		log_error("serve", "media engine: %s", strerror(err));
		return err;
	}
	s->media = true;
	if ((err = rec_init()))
		return err;
	s->rec = true;
	if ((err = prompt_init()))
		return err;
	s->prompts = true;
	if ((err = speech_init(SPEECH_CACHE_BYTES)))
		return err;
	s->speech = true;
	if ((err = workq_alloc(&s->handlers, "handler", cfg->handler_workers)))
		return err;
	workq_on_exit(s->handlers, handler_get()->thread_close);
	calls_init(cfg, s->cdr, s->handlers);
	scripts_check(cfg);
	if ((err = sig_get()->start(&sc))) {
		log_error("serve", "SIP on %s:%u: %s", cfg->sip_addr,
			  cfg->sip_port, strerror(err));
		return err;
	}
	s->sig = true;
	if (cfg->http_port) {
		if ((err = http_api_start(cfg->http_addr, cfg->http_port))) {
			log_error("serve", "HTTP on %s:%u: %s", cfg->http_addr,
				  cfg->http_port, strerror(err));
			return err;
		}
		s->http = true;
	}
	loop_signal(SIGINT, on_signal, NULL);
	loop_signal(SIGTERM, on_signal, NULL);
	return 0;
}

/* Reverse order of start. Signalling stops first so no new call arrives;
 * then what is still queued (worker results, deferred steps) runs, so
 * every call ends with a finished CDR row before the stores close. */
void server_stop(struct server *s)
{
	if (s->http)
		http_close();
	if (s->sig)
		sig_get()->stop();
	sig_set_handler(NULL);
	engine_stop();
	if (s->handlers) {
		if (engine_abandoned())
			log_warn("serve", "leaving %u handler thread(s) stuck in "
				 "a library call", engine_abandoned());
		else
			workq_free(s->handlers);
	}
	loop_drain();
	if (s->rec) {
		rec_close();     /* recorders still open: flushed and closed, */
		loop_drain();    /* their results delivered while calls exist */
	}
	calls_free_all();
	handler_get()->thread_close();   /* states the start-up check made */
	if (s->speech)
		speech_close();
	if (s->prompts)
		prompt_close();
	if (s->media)
		media_close();
	if (s->cdr)
		cdr_close(s->cdr);
	loop_close();
	config_free(&s->cfg);
}

int cli_serve(int argc, char **argv)
{
	struct server s = {0};
	int err;

	signal(SIGPIPE, SIG_IGN);
	if ((err = parse_args(argc, argv, &s.cfg))) {
		config_free(&s.cfg);
		return err;
	}
	err = server_start(&s);
	if (!err) {
		log_info("serve", "callflow listening: SIP %s:%u (UDP, TCP), "
			 "%u applications, %u SIP rules, data in %s",
			 s.cfg.sip_addr, s.cfg.sip_port, s.cfg.nsmas,
			 s.cfg.nrules, s.cfg.data_dir);
		err = loop_run();
	}
	server_stop(&s);
	return err ? 1 : 0;
}
