/* params_run.c - see params_run.h. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "tests/unit/params_run.h"

struct run run_params(const struct action_ops *ops, const char *params,
		      struct action *a)
{
	struct run r;
	json_error_t jerr;

	memset(&r, 0, sizeof(r));
	r.state = calloc(1, ops->state_size);
	assert_non_null(r.state);
	if (params) {
		r.params = json_loads(params, JSON_DECODE_ANY | JSON_ALLOW_NUL,
				      &jerr);
		if (!r.params)
			fail_msg("bad test JSON '%s': %s", params, jerr.text);
	}
	r.ok = action_params_apply(ops, r.params, PATH, r.state, &r.res);
	if (r.ok && a && ops->check) {
		a->ops = ops;
		a->params = r.params;
		a->state = r.state;
		r.ok = ops->check(a, &r.res);
	}
	return r;
}

void run_free(struct run *r)
{
	json_decref(r->params);
	free(r->state);
}

const struct param_spec *spec_find(const struct param_spec *p,
				   const char *name)
{
	for (; p->name; p++)
		if (!strcmp(p->name, name))
			return p;
	fail_msg("no parameter %s", name);
	return NULL;
}

int64_t state_int(const struct action_ops *ops, const struct run *r,
		  const char *name)
{
	return *(const int64_t *)((const char *)r->state +
				  spec_find(ops->params, name)->off);
}

const char *state_str(const struct param_spec *table, const struct run *r,
		      const char *name)
{
	return *(const char *const *)((const char *)r->state +
				      spec_find(table, name)->off);
}

json_t *state_json(const struct action_ops *ops, const struct run *r,
		   const char *name)
{
	return *(json_t *const *)((const char *)r->state +
				  spec_find(ops->params, name)->off);
}
