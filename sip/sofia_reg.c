/* sofia_reg.c - REGISTER into a small in-memory location table. Requests
 * run on the sofia thread; lookups from any thread. */
#include "sip/sofia_priv.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sofia-sip/nua_tag.h>
#include <sofia-sip/sip_status.h>
#include <sofia-sip/sip_tag.h>
#include <sofia-sip/url.h>

#include "runtime/clock.h"
#include "runtime/log.h"
#include "sip/sofia.h"

#define REG_MAX          4096
#define REG_EXPIRES_DEF  3600u
#define REG_EXPIRES_MAX  86400u

/* One binding per address-of-record user: the latest REGISTER wins. */
struct reg_entry {
	struct reg_entry *next;
	char *user;
	char *uri;
	uint64_t expires_us;     /* clock_mono_us() deadline */
};

static pthread_mutex_t reg_lock = PTHREAD_MUTEX_INITIALIZER;
static struct reg_entry *reg_list;
static unsigned reg_count;

static void reg_entry_free(struct reg_entry *e)
{
	free(e->user);
	free(e->uri);
	free(e);
}

/* Call with reg_lock held. Drops user's entry and every expired one. */
static void reg_prune(const char *user, uint64_t now)
{
	struct reg_entry **pp = &reg_list;

	while (*pp) {
		struct reg_entry *e = *pp;

		if (e->expires_us <= now || (user && !strcmp(e->user, user))) {
			*pp = e->next;
			reg_entry_free(e);
			reg_count--;
			continue;
		}
		pp = &e->next;
	}
}

static int reg_store(const char *user, const char *uri, unsigned expires)
{
	uint64_t now = clock_mono_us();
	struct reg_entry *e = NULL;
	int err = 0;

	if (expires) {
		e = calloc(1, sizeof(*e));
		if (!e || !(e->user = strdup(user)) || !(e->uri = strdup(uri))) {
			if (e)
				reg_entry_free(e);
			return ENOMEM;
		}
		e->expires_us = now + (uint64_t)expires * 1000000u;
	}

	pthread_mutex_lock(&reg_lock);
	reg_prune(user, now);
	if (e && reg_count >= REG_MAX) {
		reg_entry_free(e);
		err = ENOSPC;
	}
	else if (e) {
		e->next = reg_list;
		reg_list = e;
		reg_count++;
	}
	pthread_mutex_unlock(&reg_lock);
	return err;
}

int sofia_registrar_lookup(const char *aor_user, char *uri, size_t size)
{
	uint64_t now = clock_mono_us();
	const struct reg_entry *e;
	int err = ENOENT;

	if (!aor_user || !uri || !size)
		return EINVAL;

	pthread_mutex_lock(&reg_lock);
	for (e = reg_list; e; e = e->next) {
		if (strcmp(e->user, aor_user) || e->expires_us <= now)
			continue;
		err = (size_t)snprintf(uri, size, "%s", e->uri) < size
			? 0 : ENOSPC;
		break;
	}
	pthread_mutex_unlock(&reg_lock);
	return err;
}

void sofia_reg_clear(void)
{
	pthread_mutex_lock(&reg_lock);
	while (reg_list) {
		struct reg_entry *e = reg_list;
		reg_list = e->next;
		reg_entry_free(e);
	}
	reg_count = 0;
	pthread_mutex_unlock(&reg_lock);
}

/* RFC 3261 10.2.1.1: a Contact's expires parameter beats the Expires
 * header; with neither, the registrar picks (an hour). */
static unsigned contact_expires(const sip_contact_t *m, const sip_t *sip)
{
	unsigned long v = REG_EXPIRES_DEF;

	if (m->m_expires)
		v = strtoul(m->m_expires, NULL, 10);
	else if (sip->sip_expires)
		v = sip->sip_expires->ex_delta;
	return v > REG_EXPIRES_MAX ? REG_EXPIRES_MAX : (unsigned)v;
}

/* Returns the status to answer with; fills reply with the Contact to echo
 * ("" when the binding was removed). */
static int reg_apply(const sip_t *sip, char *reply, size_t size)
{
	const sip_contact_t *m = sip->sip_contact;
	const char *user = sip->sip_to ? sip->sip_to->a_url->url_user : NULL;
	su_home_t home[1] = { SU_HOME_INIT(home) };
	unsigned expires;
	char *uri;
	int err;

	reply[0] = '\0';
	if (!user || !*user)
		return 400;
	if (!m)                               /* a query: nothing changes */
		return 200;

	/* "Contact: *" (or expires=0) removes the binding. */
	expires = m->m_url->url_type == url_any ? 0 : contact_expires(m, sip);
	uri = url_as_string(home, m->m_url);
	err = uri ? reg_store(user, uri, expires) : ENOMEM;
	if (!err && expires)
		snprintf(reply, size, "<%s>;expires=%u", uri, expires);
	su_home_deinit(home);

	log_info("sip", "REGISTER %s -> %s (%us)%s", user,
		 expires ? reply : "removed", expires,
		 err ? ": table full or out of memory" : "");
	return err ? 500 : 200;
}

void sofia_reg_request(nua_t *nua, nua_handle_t *nh, int status,
		       const sip_t *sip)
{
	char contact[512] = "";
	int code;

	if (status >= 200 || !nh)       /* nua already answered it */
		return;

	code = sip ? reg_apply(sip, contact, sizeof(contact)) : 400;
	nua_respond(nh, code, sip_status_phrase(code), NUTAG_WITH_THIS(nua),
		    TAG_IF(contact[0], SIPTAG_CONTACT_STR(contact)),
		    TAG_END());
	/* Not a dialog: nobody else will release the handle nua made. */
	nua_handle_destroy(nh);
}
