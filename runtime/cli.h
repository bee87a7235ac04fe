/* cli.h - the `callflow` subcommands besides `serve`; main.c dispatches
 * `callflow NAME ...` to cli_NAME(argc, argv) with argv[0] = "NAME". Each
 * returns the process exit status: 0 ok, 1 failure, 2 bad usage. */
#ifndef CF_CLI_H
#define CF_CLI_H

/* `callflow cdr list|show ...`: read the call detail records. */
int cli_cdr(int argc, char **argv);
/* `callflow call update APP_ID TRANSACTION_ID key=value...`: ask a running
 * server's REST API for a mid-call update. */
int cli_call(int argc, char **argv);
/* `callflow simulate SCRIPT [--scenario FILE] [--json]`: run a handler
 * offline on a virtual clock. */
int cli_simulate(int argc, char **argv);

#endif
