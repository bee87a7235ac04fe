/* sig.c - the signalling registry and the hand-over of signalling events
 * from the SIP thread to the loop thread. */
#include <stdlib.h>

#include "log.h"
#include "loop.h"
#include "sig.h"

static const struct sig_ops *sig_ops;
static void (*sig_event_h)(struct sig_event *ev);

void sig_register(const struct sig_ops *ops) { sig_ops = ops; }
const struct sig_ops *sig_get(void) { return sig_ops; }

void sig_set_handler(void (*h)(struct sig_event *ev)) { sig_event_h = h; }

static void sig_event_deliver(void *msg)
{
	struct sig_event *ev = msg;

	if (sig_event_h) {
		sig_event_h(ev);
		return;
	}
	if (ev->invite)
		sig_invite_free(ev->invite);
	free(ev);
}

void sig_event_post(struct sig_event *ev)
{
	if (loop_post(sig_event_deliver, ev) != 0) {
		log_error("sig", "out of memory: signalling event dropped");
		if (ev->invite)
			sig_invite_free(ev->invite);
		free(ev);
	}
}

void sig_invite_free(struct sig_invite *inv)
{
	unsigned i;

	if (!inv)
		return;
	free(inv->call_id);
	free(inv->from_user);
	free(inv->from_display);
	free(inv->from_uri);
	free(inv->to_user);
	free(inv->ruri_user);
	free(inv->ruri_host);
	free(inv->remote);
	for (i = 0; i < inv->nheaders; i++) {
		free(inv->headers[i].name);
		free(inv->headers[i].value);
	}
	free(inv);
}
