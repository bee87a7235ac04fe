/* sofia_info.c - SIP INFO requests: DTMF digits inside a call (sofia
 * thread only). */
#include "sip/sofia_priv.h"

#include <errno.h>

#include <sofia-sip/nua_tag.h>
#include <sofia-sip/sip_status.h>
#include <sofia-sip/sip_tag.h>

#include "runtime/log.h"
#include "sip/dtmf_info.h"

static void info_respond(nua_t *nua, nua_handle_t *nh, int status,
			 const char *phrase)
{
	/* RFC 6086 4.2.2: a 415 names the Info bodies we do accept. */
	nua_respond(nh, status, phrase, NUTAG_WITH_THIS(nua),
		    TAG_IF(status == 415,
			   SIPTAG_ACCEPT_STR(SIP_DTMF_INFO_ACCEPT)),
		    TAG_END());
}

/* The phrase tells the phone's log what was wrong with its body. */
static const char *info_phrase(int err)
{
	switch (err) {
	case 0:               return "OK";
	case EPROTONOSUPPORT: return "Unsupported Media Type";
	case EMSGSIZE:        return "DTMF Body Too Large";
	default:              return "Bad DTMF Body";
	}
}

static int info_status(int err)
{
	return !err ? 200 : err == EPROTONOSUPPORT ? 415 : 400;
}

static void info_dtmf(nua_t *nua, nua_handle_t *nh, struct sofia_leg *leg,
		      const sip_t *sip)
{
	const sip_content_type_t *ct = sip ? sip->sip_content_type : NULL;
	const sip_payload_t *pl = sip ? sip->sip_payload : NULL;
	const char *body = pl && pl->pl_data ? pl->pl_data : "";
	size_t len = pl && pl->pl_data ? pl->pl_len : 0;
	unsigned duration_ms = 0;
	char digit = 0;
	int err;

	/* Some phones send an empty INFO to probe that the dialog is alive:
	 * nothing to read, nothing wrong. */
	if (!ct && !len) {
		info_respond(nua, nh, SIP_200_OK);
		return;
	}

	err = sip_dtmf_info_parse(ct && ct->c_type ? ct->c_type : "", body,
				  len, &digit, &duration_ms);
	info_respond(nua, nh, info_status(err), info_phrase(err));
	if (err) {
		log_info("sip", "leg %llu: INFO %s: %s",
			 (unsigned long long)leg->id,
			 ct && ct->c_type ? ct->c_type : "(no type)",
			 info_phrase(err));
		return;
	}

	/* A digit on a leg the runtime was told has ended goes nowhere. */
	if (leg->ended || leg->closing) {
		log_debug("sip", "leg %llu: INFO digit %c on an ending leg",
			  (unsigned long long)leg->id, digit);
		return;
	}
	log_debug("sip", "leg %llu: INFO digit %c (%u ms)",
		  (unsigned long long)leg->id, digit, duration_ms);
	sofia_event_post_dtmf(leg->id, digit, duration_ms);
}

/* INFO inside a call carries DTMF. Outside a call there is nothing it
 * could refer to (RFC 6086 4.2.2: 481). */
void sofia_info_request(nua_t *nua, nua_handle_t *nh, struct sofia_leg *leg,
			int status, const sip_t *sip)
{
	if (status >= 200 || !nh)       /* nua already answered it */
		return;
	if (leg) {
		info_dtmf(nua, nh, leg, sip);
		return;
	}
	nua_respond(nh, SIP_481_NO_TRANSACTION, NUTAG_WITH_THIS(nua),
		    TAG_END());
	nua_handle_destroy(nh);
}
