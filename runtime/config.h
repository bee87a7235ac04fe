/* config.h - callflow's configuration: listen addresses, storage, limits,
 * and the Chime-shaped objects (phone numbers, SIP rules, SIP media
 * applications). Loaded from a Lua file that returns a table; the script
 * host turns it into JSON and config_from_json() validates it here, so
 * every error names the file, the field path and the reason. */
#ifndef CF_CONFIG_H
#define CF_CONFIG_H

#include <stdbool.h>
#include <stdint.h>
#include <jansson.h>

#include "handler.h"

enum trigger_type { TRIGGER_TO_PHONE_NUMBER, TRIGGER_REQUEST_URI_HOSTNAME };

struct cfg_phone {
	char *e164;            /* normalised "+15550100" */
	char *name;
};

struct cfg_sma {
	char *id;              /* SipMediaApplicationId */
	char *name;
	char *region;          /* AwsRegion */
	char *script;          /* absolute path of the Lua handler */
};

struct cfg_target {
	const struct cfg_sma *sma;
	unsigned priority;     /* 1 is tried first */
	char *region;
};

struct cfg_rule {
	char *id;              /* SipRuleId */
	char *name;
	enum trigger_type trigger;
	char *value;           /* normalised E.164 or lower-case host */
	bool disabled;
	struct cfg_target *targets;   /* sorted by priority */
	unsigned ntargets;
};

struct config {
	char *path;                    /* the file it came from, or NULL */
	char  sip_addr[64];
	uint16_t sip_port;
	char  http_addr[64];
	uint16_t http_port;            /* 0 = no HTTP API */
	char  rtp_addr[64];
	uint16_t rtp_port_min, rtp_port_max;
	char *data_dir;
	char *storage_root;
	char *account_id;              /* AwsAccountId in events */
	char *region;                  /* AwsRegion in events */
	unsigned handler_workers;
	struct handler_limits limits;
	uint64_t unanswered_timeout_ms;   /* 30 s rule for unanswered calls */

	struct cfg_phone *phones;   unsigned nphones;
	struct cfg_sma   *smas;     unsigned nsmas;
	struct cfg_rule  *rules;    unsigned nrules;
};

/* The built-in default: SIP on 127.0.0.1:5060, data in ./var, no
 * applications. */
int  config_default(struct config *cfg);
/* Validate a JSON tree (from eval_config) into cfg. base_dir resolves
 * relative paths. On error fills err ("Field.Path: reason") and returns
 * EINVAL; cfg is then freed. */
int  config_from_json(struct config *cfg, json_t *root, const char *base_dir,
		      char *err, size_t errsz);
/* Parse "ADDR:PORT" (IPv6 as "[::1]:5060"). */
int  config_parse_hostport(const char *s, char *addr, size_t addrsz,
			   uint16_t *port);
void config_free(struct config *cfg);

const struct cfg_sma *config_find_sma(const struct config *cfg, const char *id);

#endif
