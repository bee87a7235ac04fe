/* params_run.h - running an action's parameter table (and its check) on a
 * JSON text, for the tests of the action tables. */
#ifndef CF_TEST_PARAMS_RUN_H
#define CF_TEST_PARAMS_RUN_H

#include <stdbool.h>
#include <stdint.h>
#include <jansson.h>

#include "runtime/action.h"

#define PATH "Actions[0].Parameters"

struct run {
	bool ok;
	struct action_result res;
	void *state;                 /* ops->state_size bytes */
	json_t *params;              /* echoed Parameters */
};

/* Validate the JSON text params (NULL: no Parameters) with the generic
 * validator; then, when a is given (its call and leg), the action's check
 * as the engine runs it. Free with run_free. */
struct run run_params(const struct action_ops *ops, const char *params,
		      struct action *a);
void run_free(struct run *r);

/* Typed values, read where the action's own table says they live. */
const struct param_spec *spec_find(const struct param_spec *p,
				   const char *name);
int64_t state_int(const struct action_ops *ops, const struct run *r,
		  const char *name);
const char *state_str(const struct param_spec *table, const struct run *r,
		      const char *name);
json_t *state_json(const struct action_ops *ops, const struct run *r,
		   const char *name);

#endif
