/* main.c - the composition root: registers the modules (signalling, script
 * host, TTS, actions) into the runtime and dispatches subcommands. This is
 * the only runtime file that knows its peers by name. */
#include <stdio.h>
#include <string.h>

#include "actions/actions.h"
#include "runtime/cli.h"
#include "runtime/serve.h"
#include "runtime/handler.h"
#include "runtime/sig.h"
#include "runtime/tts.h"
#include "scripts/lua_host.h"
#include "sip/sofia.h"
#include "tts/espeak.h"

static void modules_register(void)
{
	static const struct action_ops *const actions[] = {
		&action_hangup, &action_pause, &action_play_audio, &action_speak,
		&action_play_audio_and_get_digits, &action_speak_and_get_digits,
		&action_receive_digits, &action_send_digits,
		&action_record_audio, &action_start_call_recording,
		&action_stop_call_recording, &action_pause_call_recording,
		&action_resume_call_recording,
	};
	size_t i;

	sig_register(&sofia_sig_ops);
	handler_register(&lua_handler_ops);
	tts_register(&espeak_tts_ops);
	for (i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
		action_register(actions[i]);
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: callflow <command> [options]\n"
		"\n"
		"commands:\n"
		"  serve    run the SIP media application server\n"
		"  cdr      list and show call detail records\n"
		"  call     act on a live call (call update: mid-call update)\n"
		"  simulate run a handler offline against a scripted caller\n"
		"\n"
		"Run 'callflow <command> --help' for a command's options.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	modules_register();
	if (!strcmp(argv[1], "serve"))
		return cli_serve(argc - 1, argv + 1);
	if (!strcmp(argv[1], "cdr"))
		return cli_cdr(argc - 1, argv + 1);
	if (!strcmp(argv[1], "call"))
		return cli_call(argc - 1, argv + 1);
	if (!strcmp(argv[1], "simulate"))
		return cli_simulate(argc - 1, argv + 1);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("callflow 0.1.0\n");
		return 0;
	}
	fprintf(stderr, "callflow: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return 2;
}
