/* cli.h - the `callflow` subcommands besides `serve`; main.c dispatches
 * `callflow NAME ...` to cli_NAME(argc, argv) with argv[0] = "NAME". Each
 * returns the process exit status: 0 ok, 1 failure, 2 bad usage. */
#ifndef CF_CLI_H
#define CF_CLI_H

/* `callflow cdr list|show ...`: read the call detail records. */
int cli_cdr(int argc, char **argv);

#endif
