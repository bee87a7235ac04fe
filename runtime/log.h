/* log.h - leveled, thread-safe logging to stderr. */
#ifndef CF_LOG_H
#define CF_LOG_H

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

void log_set_level(enum log_level lvl);
enum log_level log_get_level(void);

/* Prints "<time> <LEVEL> <module>: <message>\n"; one write per line, so
 * lines from different threads never interleave. */
void log_msg(enum log_level lvl, const char *module, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A second destination (the simulator shows handler print() output in its
 * ladder): sink gets every message, whatever the level, on the thread that
 * logged it, with the text formatted but no time or level prefix. NULL
 * removes it. Set it before other threads log. */
typedef void (log_sink_h)(enum log_level lvl, const char *module,
			  const char *msg);
void log_set_sink(log_sink_h *sink);

#define log_debug(mod, ...) log_msg(LOG_DEBUG, mod, __VA_ARGS__)
#define log_info(mod, ...)  log_msg(LOG_INFO, mod, __VA_ARGS__)
#define log_warn(mod, ...)  log_msg(LOG_WARN, mod, __VA_ARGS__)
#define log_error(mod, ...) log_msg(LOG_ERROR, mod, __VA_ARGS__)

#endif
