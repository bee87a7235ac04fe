/* sofia.h - the SIP signalling module (sofia-sip), as a struct sig_ops. */
#ifndef CF_SIP_SOFIA_H
#define CF_SIP_SOFIA_H

#include <stddef.h>

#include "runtime/sig.h"

/* start() listens on UDP and TCP at cfg->listen_addr:listen_port and runs
 * sofia-sip on its own thread; the other ops may be called from the loop
 * thread and are carried over to it. */
extern const struct sig_ops sofia_sig_ops;

/* Thread-safe: copy the contact URI most recently registered for the
 * address-of-record user (REGISTER sip:user@...) into uri. Returns 0,
 * ENOENT if none is registered or it expired, ENOSPC if uri is too small. */
int sofia_registrar_lookup(const char *aor_user, char *uri, size_t size);

#endif
