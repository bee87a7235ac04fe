/* route.c - number normalisation and SIP-rule lookup (events.md §2). */
#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <strings.h>

#include "route.h"

int route_normalize_number(const char *in, char *out, size_t size)
{
	size_t n = 0;
	const char *p = in;

	if (!strncasecmp(p, "tel:", 4))
		p += 4;
	if (size < 3)
		return EINVAL;
	out[n++] = '+';
	if (*p == '+')
		p++;
	for (; *p; p++) {
		if (isdigit((unsigned char)*p)) {
			if (n + 1 >= size)
				return EINVAL;
			out[n++] = *p;
		} else if (!strchr(" -.()", *p)) {
			return EINVAL;
		}
	}
	out[n] = '\0';
	/* E.164: up to 15 digits, no leading zero (sip-rule pattern
	 * ^\+?[1-9]\d{1,14}$). */
	if (n < 3 || n > 16 || out[1] == '0')
		return EINVAL;
	return 0;
}

int route_normalize_host(const char *in, char *out, size_t size)
{
	size_t n = strlen(in), i;

	if (n && in[n - 1] == '.')
		n--;
	if (!n || n >= size)
		return EINVAL;
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)in[i];

		if (!isalnum(ch) && !strchr("-.:[]", ch))
			return EINVAL;
		out[i] = (char)tolower(ch);
	}
	out[n] = '\0';
	return 0;
}

static const struct cfg_rule *rule_match(const struct config *cfg,
					 enum trigger_type t, const char *v)
{
	unsigned i;

	for (i = 0; i < cfg->nrules; i++) {
		const struct cfg_rule *r = &cfg->rules[i];

		if (!r->disabled && r->trigger == t && !strcmp(r->value, v))
			return r;
	}
	return NULL;
}

const struct cfg_rule *route_find(const struct config *cfg,
				  const char *ruri_user, const char *ruri_host)
{
	const struct cfg_rule *r = NULL;
	char norm[256];

	if (ruri_user && !route_normalize_number(ruri_user, norm, sizeof(norm)))
		r = rule_match(cfg, TRIGGER_TO_PHONE_NUMBER, norm);
	if (!r && ruri_host && !route_normalize_host(ruri_host, norm, sizeof(norm)))
		r = rule_match(cfg, TRIGGER_REQUEST_URI_HOSTNAME, norm);
	return r;
}

const struct cfg_phone *route_find_phone(const struct config *cfg,
					 const char *e164)
{
	unsigned i;

	for (i = 0; i < cfg->nphones; i++)
		if (!strcmp(cfg->phones[i].e164, e164))
			return &cfg->phones[i];
	return NULL;
}
