/* actions.h - every action type callflow implements, one file each. */
#ifndef CF_ACTIONS_H
#define CF_ACTIONS_H

#include "runtime/action.h"

extern const struct action_ops action_hangup;
extern const struct action_ops action_pause;
extern const struct action_ops action_play_audio;
extern const struct action_ops action_speak;
extern const struct action_ops action_play_audio_and_get_digits;
extern const struct action_ops action_speak_and_get_digits;
extern const struct action_ops action_receive_digits;
extern const struct action_ops action_send_digits;
extern const struct action_ops action_record_audio;
extern const struct action_ops action_start_call_recording;
extern const struct action_ops action_stop_call_recording;
extern const struct action_ops action_pause_call_recording;
extern const struct action_ops action_resume_call_recording;

#endif
