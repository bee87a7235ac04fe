/* serve.h - `callflow serve`: configuration, start-up in dependency order,
 * the loop, and a clean shutdown. */
#ifndef CF_SERVE_H
#define CF_SERVE_H

int cli_serve(int argc, char **argv);

#endif
