/* serve.h - `callflow serve`: configuration, start-up in dependency order,
 * the loop, and a clean shutdown. The simulator runs the same sequence with
 * its own signalling, offline media and a virtual clock. */
#ifndef CF_SERVE_H
#define CF_SERVE_H

#include <stdbool.h>

#include "config.h"

struct cdr_store;
struct workq;

/* One running server: what started, so server_stop undoes exactly that. */
struct server {
	struct config cfg;          /* owned; freed by server_stop */
	bool offline_media;         /* no RTP sockets (the simulator) */
	/* private */
	struct cdr_store *cdr;
	struct workq *handlers;
	bool media, rec, prompts, speech, sig, http;
};

int cli_serve(int argc, char **argv);

/* Load the configuration file at path into cfg (which holds the defaults
 * or another file's values). Returns 0, or prints "callflow: FILE: field:
 * reason" on stderr and returns 2 (the exit status for a bad
 * configuration). */
int server_config_load(const char *path, struct config *cfg);
/* Start the runtime for s->cfg: loop (virtual if loop_set_virtual ran
 * first), CDR store, media, recorders, prompts, speech, handler workers,
 * calls, the registered signalling, and HTTP when cfg.http_port is set.
 * Returns 0 or an errno value; call server_stop either way. */
int server_start(struct server *s);
/* Stop in reverse order; every call ends with a finished CDR row. */
void server_stop(struct server *s);

#endif
